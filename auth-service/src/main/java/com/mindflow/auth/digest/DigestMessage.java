package com.mindflow.auth.digest;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.mindflow.auth.mail.Html;
import com.mindflow.auth.mail.PlainText;
import com.mindflow.events.ai.InsightGenerated;
import com.mindflow.events.ai.InsightTheme;
import com.mindflow.events.ai.InsightType;

/**
 * The digest mail of one weekly or monthly insight, as plain text and as HTML. It holds the insight's own fields
 * (summary, theme names, milestones, suggestions, its period and entry count) and the user's display name through
 * {@link PlainText}, nothing else of the account or the journal. The HTML escapes every one of them.
 */
record DigestMessage(String subject, String text, String html) {

    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    static DigestMessage of(InsightGenerated insight, String displayName, String baseUrl) {
        boolean weekly = insight.insightType() == InsightType.WEEKLY;
        String unit = weekly ? "week" : "month";
        String period = weekly ? range(insight.startDate(), insight.endDate()) : MONTH_YEAR.format(insight.startDate());
        String subject = "Your " + unit + " in MindFlow: " + period;
        String link = baseUrl + "/insights/" + insight.insightId();
        String settingsLink = baseUrl + "/settings";
        String greeting = PlainText.greeting(displayName);
        String intro = "here is your " + unit + " in MindFlow (" + period + "), drawn from "
                + entries(insight.entriesAnalyzed()) + ".";
        List<String> themes = insight.themes().stream().map(InsightTheme::name).toList();
        String why = "You get this mail because " + unit + "ly insights are on in your MindFlow settings. To stop "
                + "them, use the unsubscribe button of your mail app, or turn them off in your settings:";

        StringBuilder text = new StringBuilder();
        text.append(greeting).append("\n\n").append(intro).append("\n\n");
        if (insight.summary() != null && !insight.summary().isBlank()) {
            text.append(insight.summary().strip()).append("\n\n");
        }
        if (!themes.isEmpty()) {
            text.append("Themes: ").append(String.join(", ", themes)).append("\n\n");
        }
        textList(text, "Milestones", insight.milestones());
        textList(text, "Suggestions", insight.suggestions());
        text.append("See the whole insight: ").append(link).append("\n\n-- \n").append(why).append(' ')
                .append(settingsLink).append('\n');

        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(Html.escape(subject))
                .append("</title></head>\n<body style=\"font-family:sans-serif;line-height:1.5\">\n");
        html.append("<p>").append(Html.escape(greeting)).append("</p>\n");
        html.append("<p>").append(Html.escape(intro)).append("</p>\n");
        if (insight.summary() != null && !insight.summary().isBlank()) {
            html.append("<p>").append(Html.escape(insight.summary().strip())).append("</p>\n");
        }
        htmlList(html, "Themes", themes);
        htmlList(html, "Milestones", insight.milestones());
        htmlList(html, "Suggestions", insight.suggestions());
        html.append("<p><a href=\"").append(Html.escape(link)).append("\">See the whole insight</a></p>\n");
        html.append("<p style=\"color:#666;font-size:small\">").append(Html.escape(why)).append(" <a href=\"")
                .append(Html.escape(settingsLink)).append("\">").append(Html.escape(settingsLink))
                .append("</a></p>\n</body></html>\n");
        return new DigestMessage(subject, text.toString(), html.toString());
    }

    /** "2–8 November 2026", "30 November – 6 December 2026", "29 December 2025 – 4 January 2026". */
    static String range(LocalDate start, LocalDate end) {
        if (start.equals(end)) {
            return DAY_MONTH_YEAR.format(start);
        }
        if (start.getYear() != end.getYear()) {
            return DAY_MONTH_YEAR.format(start) + " – " + DAY_MONTH_YEAR.format(end);
        }
        if (start.getMonth() != end.getMonth()) {
            return DAY_MONTH.format(start) + " – " + DAY_MONTH_YEAR.format(end);
        }
        return start.getDayOfMonth() + "–" + DAY_MONTH_YEAR.format(end);
    }

    private static String entries(int count) {
        return count == 1 ? "1 entry" : count + " entries";
    }

    private static void textList(StringBuilder text, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        text.append(title).append(":\n");
        items.forEach(item -> text.append("- ").append(item).append('\n'));
        text.append('\n');
    }

    private static void htmlList(StringBuilder html, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        html.append("<h3>").append(Html.escape(title)).append("</h3>\n<ul>\n");
        items.forEach(item -> html.append("<li>").append(Html.escape(item)).append("</li>\n"));
        html.append("</ul>\n");
    }
}
