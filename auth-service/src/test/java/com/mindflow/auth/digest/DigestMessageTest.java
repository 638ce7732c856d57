package com.mindflow.auth.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mindflow.events.ai.InsightGenerated;
import com.mindflow.events.ai.InsightTheme;
import com.mindflow.events.ai.InsightType;

class DigestMessageTest {

    @Test
    void namesTheWeekAsPeopleWriteIt() {
        assertThat(DigestMessage.range(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 8)))
                .isEqualTo("2–8 November 2026");
        assertThat(DigestMessage.range(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 6)))
                .isEqualTo("30 November – 6 December 2026");
        assertThat(DigestMessage.range(LocalDate.of(2025, 12, 29), LocalDate.of(2026, 1, 4)))
                .isEqualTo("29 December 2025 – 4 January 2026");
    }

    @Test
    void weeklyAndMonthlySubjects() {
        assertThat(message(InsightType.WEEKLY, "x", "Ana").subject())
                .isEqualTo("Your week in MindFlow: 2–8 November 2026");
        assertThat(message(InsightType.MONTHLY, "x", "Ana").subject())
                .isEqualTo("Your month in MindFlow: November 2026");
    }

    @Test
    void theHtmlEscapesEveryInsightFieldAndTheName() {
        DigestMessage message = message(InsightType.WEEKLY, "<img src=x onerror=alert(1)> & \"quoted\"", "Ana <i>");

        assertThat(message.html()).contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;",
                "Hello Ana &lt;i&gt;,", "<li>&lt;b&gt;theme&lt;/b&gt;</li>", "<li>&#39;milestone&#39;</li>",
                "<li>a &lt;a href=&quot;x&quot;&gt;tip&lt;/a&gt;</li>")
                .doesNotContain("<img", "<i>", "<b>", "<a href=\"x\"");
        assertThat(message.text()).contains("<img src=x onerror=alert(1)> & \"quoted\"", "Themes: <b>theme</b>");
    }

    @Test
    void aNameThatLooksLikeALinkIsLeftOut() {
        assertThat(message(InsightType.WEEKLY, "x", "www.evil.example").text()).startsWith("Hello,\n")
                .doesNotContain("evil");
    }

    private static DigestMessage message(InsightType type, String summary, String name) {
        LocalDate start = type == InsightType.WEEKLY ? LocalDate.of(2026, 11, 2) : LocalDate.of(2026, 11, 1);
        LocalDate end = type == InsightType.WEEKLY ? LocalDate.of(2026, 11, 8) : LocalDate.of(2026, 11, 30);
        InsightGenerated insight = new InsightGenerated(UUID.randomUUID(), UUID.randomUUID(), type, start, end,
                Instant.now(), summary, 3, 300, 100, null, null, null, null, null, null,
                List.of(new InsightTheme("<b>theme</b>", 2, null, List.of(), List.of())), List.of("'milestone'"),
                List.of("a <a href=\"x\">tip</a>"), List.of());
        return DigestMessage.of(insight, name, "https://app.example");
    }
}
