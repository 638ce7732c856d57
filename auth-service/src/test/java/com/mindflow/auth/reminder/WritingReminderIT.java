package com.mindflow.auth.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import com.mindflow.auth.support.Api;
import com.mindflow.auth.support.AuthITSupport;
import com.mindflow.auth.support.Mailbox.Mail;
import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.journal.JournalEntryDeleted;

/**
 * The writing reminder with the evening hour set to 0 (AuthITSupport), so it is evening everywhere; the test runs
 * the scan itself. Users register in Europe/Lisbon.
 */
class WritingReminderIT extends AuthITSupport {

    private static final String SUBJECT = "Time to write in MindFlow";
    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    private static final Pattern LINK = Pattern.compile("<http://localhost:8080(/api/auth/unsubscribe\\?token=[^>]+)>");

    @Autowired
    private WritingReminder reminder;

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Test
    void aUserWithoutAnEntryTodayIsRemindedOnceEvenWhenTwoScansRace() {
        Api api = api();
        TestUser user = register(api);
        String access = remindersOn(api, user);

        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(reminder::run);
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(reminder::run);
        one.join();
        two.join();
        reminder.run();

        Mail mail = mailbox().await(user.email(), SUBJECT, Duration.ofSeconds(20));
        assertThat(mail.text()).startsWith("Hello Test User,").contains("not written in your MindFlow journal today");
        assertThat(mail.html()).contains("<p>Hello Test User,</p>");
        assertThat(mail.header("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mailbox().all(user.email(), SUBJECT)).hasSize(1);
        assertThat(claims(user)).containsExactly(LocalDate.now(LISBON));

        // The reminder's own link turns the reminder off, and only it.
        Matcher link = LINK.matcher(mail.header("List-Unsubscribe"));
        assertThat(link.matches()).isTrue();
        assertThat(api.raw("POST", link.group(1), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click")
                .status()).isEqualTo(204);
        var settings = api.get("/api/me/settings", access).json();
        assertThat(settings.get("emailReminderToWrite").asBoolean()).isFalse();
        assertThat(settings.get("emailWeeklyInsights").asBoolean()).isTrue();
    }

    @Test
    void aUserWhoWroteTodayIsNotRemindedUntilTheEntryIsDeleted() throws Exception {
        Api api = api();
        TestUser user = register(api);
        remindersOn(api, user);
        UUID entry = UUID.randomUUID();
        LocalDate today = LocalDate.now(LISBON);
        Instant now = Instant.now();
        publish(new JournalEntryCreated(entry, user.id(), today, "Evening", "A few lines.", null, List.of(), null,
                null, 3, 1, true, 1, now, now));
        await(Duration.ofSeconds(60), () -> writingDays(entry) == 1, "the entry's day to be recorded");

        reminder.run();

        assertThat(claims(user)).isEmpty();
        assertThat(mailbox().all(user.email(), SUBJECT)).isEmpty();

        // Deleting today's entry leaves today without one again.
        publish(new JournalEntryDeleted(entry, user.id(), today, 2, Instant.now()));
        await(Duration.ofSeconds(60), () -> writingDays(entry) == 0, "the deleted entry's day to be forgotten");
        reminder.run();
        mailbox().await(user.email(), SUBJECT, Duration.ofSeconds(20));
        assertThat(claims(user)).containsExactly(today);
    }

    private String remindersOn(Api api, TestUser user) {
        String access = login(api, user).access();
        Api.Response patched = api.patch("/api/me/settings", Map.of("emailReminderToWrite", true), access);
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        return access;
    }

    private void publish(com.mindflow.events.MindFlowEvent event) throws Exception {
        kafka.send(Topics.JOURNAL_ENTRIES, event.userId().toString(),
                new EventCodec().write(EventEnvelope.of(event, "reminder-it"))).get();
    }

    private int writingDays(UUID entry) {
        return jdbc.sql("SELECT count(*) FROM user_writing_days WHERE entry_id = :entry").param("entry", entry)
                .query(Integer.class).single();
    }

    private List<LocalDate> claims(TestUser user) {
        return jdbc.sql("SELECT local_date FROM reminder_mails WHERE user_id = :user").param("user", user.id())
                .query(LocalDate.class).list();
    }
}
