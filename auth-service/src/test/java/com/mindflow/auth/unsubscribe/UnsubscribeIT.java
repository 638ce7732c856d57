package com.mindflow.auth.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import com.mindflow.auth.support.Api;
import com.mindflow.auth.support.AuthITSupport;
import com.mindflow.auth.support.TestEvents;
import com.mindflow.auth.support.TestEvents.Insight;
import com.mindflow.events.Topics;
import com.mindflow.support.security.UserId;

import tools.jackson.databind.JsonNode;

/** One-click unsubscribe (RFC 8058) with the link of a real digest mail. */
@ExtendWith(OutputCaptureExtension.class)
class UnsubscribeIT extends AuthITSupport {

    private static final Pattern LINK = Pattern.compile("<http://localhost:8080(/api/auth/unsubscribe\\?token=[^>]+)>");

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Autowired
    private UnsubscribeTokens tokens;

    @Test
    void theMailsLinkTurnsTheWeeklyFlagOffByPostButNotByGet(CapturedOutput output) throws Exception {
        Api api = api();
        TestUser user = register(api);
        LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        kafka.send(Topics.AI_INSIGHTS, user.id().toString(),
                TestEvents.insightGenerated(Insight.of(user.id(), "weekly", end.minusDays(6), end))).get();
        String header = mailbox().await(user.email(), "Your week in MindFlow", Duration.ofSeconds(60))
                .header("List-Unsubscribe");
        Matcher link = LINK.matcher(header);
        assertThat(link.matches()).as(header).isTrue();
        String path = link.group(1);

        // A scanner or preview fetching the link changes nothing.
        Api.Response get = api.get(path, null);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).contains("POST");
        assertThat(get.contentType()).startsWith("application/problem+json");
        assertThat(settings(api, user).get("emailWeeklyInsights").asBoolean()).isTrue();

        // What a mail client sends (RFC 8058 §3.2).
        Api.Response post = api.raw("POST", path, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertThat(post.status()).as(post.toString()).isEqualTo(204);

        JsonNode after = settings(api, user);
        assertThat(after.get("emailWeeklyInsights").asBoolean()).isFalse();
        assertThat(after.get("emailMonthlyInsights").asBoolean()).isTrue();
        assertThat(after.get("autoSave").asBoolean()).isTrue();
        var events = outboxEvents(user.id(), "UserSettingsUpdated");
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().at("/payload/settings/emailWeeklyInsights").asBoolean()).isFalse();
        assertThat(events.getFirst().at("/payload/settings/emailMonthlyInsights").asBoolean()).isTrue();

        // Again (a second click, a retry): still 204, nothing more to change or publish.
        assertThat(api.raw("POST", path, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click")
                .status()).isEqualTo(204);
        assertThat(outboxEvents(user.id(), "UserSettingsUpdated")).hasSize(1);
        assertThat(output.getAll()).as("no unsubscribe token in the log")
                .doesNotContain(path.substring(path.indexOf('=') + 1));
    }

    @Test
    void aMissingOrForgedTokenIs400NamingToken() {
        Api api = api();
        TestUser user = register(api);
        String real = tokens.token(new UserId(user.id()), MailingList.WEEKLY_INSIGHTS).orElseThrow();
        byte[] raw = Base64.getUrlDecoder().decode(real);
        raw[17] = 3; // the reminder list: the signature no longer fits
        String otherList = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

        for (String path : new String[] { "/api/auth/unsubscribe", "/api/auth/unsubscribe?token=forged",
                "/api/auth/unsubscribe?token=" + otherList, "/api/auth/unsubscribe?token=" + real.substring(1) }) {
            Api.Response response = api.post(path, "");
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.field()).as(path).isEqualTo("token");
        }
        assertThat(outboxEvents(user.id(), "UserSettingsUpdated")).isEmpty();
    }

    private JsonNode settings(Api api, TestUser user) {
        Api.Response response = api.get("/api/me/settings", login(api, user).access());
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }
}
