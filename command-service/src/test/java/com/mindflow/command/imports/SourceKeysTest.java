package com.mindflow.command.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** Ledger keys from the sources' ids, and one entry per key within a file. */
class SourceKeysTest {

    private static final JsonMapper JSON = new JsonMapper();

    @Test
    void aShortPrintableIdIsTheKeyAndAnythingElseIsHashedOrReplacedByThePosition() {
        assertThat(EntryRules.sourceKey(JSON.readTree("\"3F2A\""), "entries[0]")).isEqualTo("3F2A");
        assertThat(EntryRules.sourceKey(JSON.readTree("42"), "entries[0]")).isEqualTo("42");
        assertThat(EntryRules.sourceKey(JSON.readTree("{}"), "entries[1]")).isEqualTo("entries[1]");
        assertThat(EntryRules.sourceKey(JSON.readTree("[1]"), "entries[2]")).isEqualTo("entries[2]");
        assertThat(EntryRules.sourceKey(JSON.readTree("\"  \""), "entries[3]")).isEqualTo("entries[3]");
        assertThat(EntryRules.sourceKey(null, "entries[4]")).isEqualTo("entries[4]");
        String longId = "x".repeat(301);
        assertThat(EntryRules.sourceKey(JSON.readTree("\"" + longId + "\""), "entries[5]"))
                .isEqualTo("sha256:" + EntryRules.sha256(longId)).hasSize(71);
        assertThat(EntryRules.sourceKey(JSON.readTree("\"a\\u0000b\""), "entries[6]")).startsWith("sha256:");
    }

    @Test
    void aKeyRepeatedInOneFileImportsOnlyItsFirstEntry() {
        SourceEntry first = SourceEntry.invalid("same", "2024-01-01", "whatever");
        SourceEntry other = SourceEntry.invalid("other", "2024-01-02", "whatever");
        SourceEntry again = SourceEntry.invalid("same", "2024-01-03", "whatever");

        List<SourceEntry> checked = ImportService.onePerKey(List.of(first, other, again));

        assertThat(checked.subList(0, 2)).containsExactly(first, other);
        assertThat(checked.get(2).key()).isEqualTo("same");
        assertThat(checked.get(2).invalid()).startsWith("id: appears more than once");
    }
}
