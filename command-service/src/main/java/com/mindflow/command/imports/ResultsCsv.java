package com.mindflow.command.imports;

import java.util.List;

/** The results as CSV (RFC 4180), one row per entry of the file, for people who open them in a spreadsheet. */
final class ResultsCsv {

    private ResultsCsv() {
    }

    static String of(List<ImportResult> results) {
        StringBuilder csv = new StringBuilder("position,source_key,source_date,outcome,entry_id,reason\r\n");
        for (ImportResult result : results) {
            csv.append(result.position()).append(',')
                    .append(field(result.sourceKey())).append(',')
                    .append(field(result.sourceDate())).append(',')
                    .append(result.outcome()).append(',')
                    .append(result.entryId() == null ? "" : result.entryId().toString()).append(',')
                    .append(field(result.reason())).append("\r\n");
        }
        return csv.toString();
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        // A leading =, +, - or @ would be a formula to a spreadsheet: quoted with a ' so it stays text.
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
