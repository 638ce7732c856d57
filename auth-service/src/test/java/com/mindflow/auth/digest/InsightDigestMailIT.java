package com.mindflow.auth.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import com.mindflow.auth.support.Api;
import com.mindflow.auth.support.AuthITSupport;
import com.mindflow.auth.support.Mailbox.Mail;
import com.mindflow.auth.support.TestEvents;
import com.mindflow.auth.support.TestEvents.Insight;
import com.mindflow.events.Topics;

/**
 * Weekly and monthly {@code InsightGenerated} events become one digest mail each, under the user's flags. "No mail"
 * is checked after a later event of the same user was mailed: one user's events are consumed in order, so by then
 * the earlier ones were handled.
 */
class InsightDigestMailIT extends AuthITSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final LocalDate END = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    private static final LocalDate WEEK_START = END.minusDays(6);

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Test
    void aWeeklyInsightIsMailedOnceAsTextAndHtmlWithOneClickUnsubscribe() throws Exception {
        TestUser user = register(api());
        Insight insight = Insight.of(user.id(), "weekly", WEEK_START, END)
                .withSummary("Work ran late <b>most</b> days & tea helped.")
                .withLists(List.of("work", "<script>alert(1)</script>"), List.of("Completed 7 days in a row"),
                        List.of("Try a gratitude note on stressful days"));
        String event = TestEvents.insightGenerated(insight);

        publish(user, event);

        Mail mail = mailbox().await(user.email(), "Your week in MindFlow", WAIT);
        assertThat(mail.subject()).isEqualTo("Your week in MindFlow: " + DigestMessage.range(WEEK_START, END));
        assertThat(mail.text()).contains("Hello Test User,", "Work ran late <b>most</b> days & tea helped.",
                "Themes: work, <script>alert(1)</script>", "- Completed 7 days in a row",
                "- Try a gratitude note on stressful days", "http://localhost:8080/insights/" + insight.id());
        assertThat(mail.html()).contains("Work ran late &lt;b&gt;most&lt;/b&gt; days &amp; tea helped.",
                "<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>", "<li>Completed 7 days in a row</li>",
                "href=\"http://localhost:8080/insights/" + insight.id() + "\"")
                .doesNotContain("<b>", "<script>");
        assertThat(mail.header("List-Unsubscribe"))
                .matches("<http://localhost:8080/api/auth/unsubscribe\\?token=[A-Za-z0-9_-]{40,}>");
        assertThat(mail.header("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mail.text()).doesNotContain(user.email());

        // Redelivered, then regenerated after an edit (same id, new event, new summary): still the one mail.
        publish(user, event);
        publish(user, TestEvents.insightGenerated(insight.withSummary("Regenerated").withGeneratedAt(Instant.now())));
        publish(user, TestEvents.insightGenerated(Insight.of(user.id(), "monthly", END.withDayOfMonth(1), END)));
        mailbox().await(user.email(), "Your month in MindFlow", WAIT);

        assertThat(mailbox().all(user.email(), "Your week in MindFlow")).hasSize(1);
        assertThat(jdbc.sql("SELECT kind FROM insight_mails WHERE insight_id = :id").param("id", insight.id())
                .query(String.class).list()).containsExactly("weekly");
    }

    @Test
    void theWeeklyFlagOffMeansNoWeeklyDigest() throws Exception {
        TestUser user = register(api());
        turnOff(user, "emailWeeklyInsights");

        publish(user, TestEvents.insightGenerated(Insight.of(user.id(), "weekly", WEEK_START, END)));
        publish(user, TestEvents.insightGenerated(Insight.of(user.id(), "monthly", END.withDayOfMonth(1), END)));

        mailbox().await(user.email(), "Your month in MindFlow", WAIT);
        assertThat(mailbox().all(user.email(), "Your week in MindFlow")).isEmpty();
    }

    @Test
    void aMonthlyDigestFollowsTheMonthlyFlag() throws Exception {
        TestUser user = register(api());
        turnOff(user, "emailMonthlyInsights");

        publish(user, TestEvents.insightGenerated(Insight.of(user.id(), "monthly", END.withDayOfMonth(1), END)));
        publish(user, TestEvents.insightGenerated(Insight.of(user.id(), "weekly", WEEK_START, END)));

        mailbox().await(user.email(), "Your week in MindFlow", WAIT);
        assertThat(mailbox().all(user.email(), "Your month in MindFlow")).isEmpty();
    }

    @Test
    void yearlyCustomEmptyAndStaleInsightsAreNotMailed() throws Exception {
        TestUser user = register(api());

        publish(user, TestEvents.insightGenerated(Insight.of(user.id(), "yearly", END.withDayOfYear(1), END)));
        publish(user, TestEvents.insightGenerated(Insight.of(user.id(), "custom", END.minusDays(2), END)));
        publish(user, TestEvents.insightGenerated(Insight.of(user.id(), "weekly", WEEK_START, END).withEntries(0)));
        publish(user, TestEvents.insightGenerated(Insight.of(user.id(), "weekly", WEEK_START.minusWeeks(6),
                END.minusWeeks(6)).withGeneratedAt(Instant.now().minus(40, ChronoUnit.DAYS))));
        publish(user, TestEvents.insightGenerated(Insight.of(user.id(), "monthly", END.withDayOfMonth(1), END)));

        mailbox().await(user.email(), "Your month in MindFlow", WAIT);
        assertThat(mailbox().all(user.email(), "in MindFlow:")).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM insight_mails WHERE user_id = :user").param("user", user.id())
                .query(Integer.class).single()).isEqualTo(1);
    }

    private void publish(TestUser user, String json) throws Exception {
        kafka.send(Topics.AI_INSIGHTS, user.id().toString(), json).get();
    }

    private void turnOff(TestUser user, String flag) {
        Api api = api();
        Api.Response patched = api.patch("/api/me/settings", Map.of(flag, false), login(api, user).access());
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    }
}
