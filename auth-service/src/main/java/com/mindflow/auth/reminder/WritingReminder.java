package com.mindflow.auth.reminder;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mindflow.auth.AuthSettings;
import com.mindflow.auth.mail.Html;
import com.mindflow.auth.mail.Mailer;
import com.mindflow.auth.mail.PlainText;
import com.mindflow.auth.unsubscribe.MailingList;
import com.mindflow.auth.unsubscribe.UnsubscribeTokens;
import com.mindflow.support.security.UserId;

/**
 * The writing reminder: once per local day, from {@link ReminderSettings#eveningHour()} on in the user's time zone,
 * a user with {@code email_reminder_to_write} on, an active account and no entry for that local day gets one mail.
 *
 * <p>Every instance runs the scan. Which zones are in their evening is worked out here (one local date per group of
 * zones); the database then picks, in batches, the users of those zones who asked for reminders
 * ({@code idx_settings_reminder_to_write}), have no entry that day ({@code user_writing_days}) and no reminder yet,
 * and claims them in the same statement ({@code reminder_mails}, {@code ON CONFLICT DO NOTHING}): an instance mails
 * only the users its own insert claimed. At most once, like the digests; an SMTP refusal gives the claims of the
 * batch back and ends the run, so the next scan tries again that evening.
 */
@Component
class WritingReminder {

    private static final Logger log = LoggerFactory.getLogger(WritingReminder.class);
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private final JdbcClient jdbc;
    private final WritingDays writingDays;
    private final UnsubscribeTokens unsubscribe;
    private final Mailer mailer;
    private final AuthSettings auth;
    private final ReminderSettings settings;
    private final Clock clock;

    WritingReminder(JdbcClient jdbc, WritingDays writingDays, UnsubscribeTokens unsubscribe, Mailer mailer,
            AuthSettings auth, ReminderSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.writingDays = writingDays;
        this.unsubscribe = unsubscribe;
        this.mailer = mailer;
        this.auth = auth;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${mindflow.auth.reminders.scan-every:5m}",
            fixedDelayString = "${mindflow.auth.reminders.scan-every:5m}")
    void scheduled() {
        try {
            int sent = run();
            if (sent > 0) {
                log.info("Sent {} writing reminders", sent);
            }
        }
        catch (DataAccessException e) {
            // Nothing claimed is lost: a failed statement claimed nothing. The next scan tries again.
            log.warn("Writing reminder scan failed; retrying on the next scan: {}", e.toString());
        }
    }

    /** One scan; @return how many reminders went out */
    int run() {
        Instant now = clock.instant();
        prune(now);
        if (!unsubscribe.available()) {
            return 0; // logged by UnsubscribeTokens: no list mail without an unsubscribe link
        }
        int sent = 0;
        for (Map.Entry<LocalDate, List<String>> evening : eveningZones(now).entrySet()) {
            while (true) {
                List<Due> batch = claim(evening.getKey(), evening.getValue(), now);
                int mailed = send(batch, evening.getKey());
                sent += mailed;
                if (mailed < batch.size()) {
                    return sent; // SMTP refused: the rest was given back, the next scan tries again
                }
                if (batch.size() < settings.batchSize()) {
                    break;
                }
            }
        }
        return sent;
    }

    /** The zones where it is evening now, by their local date (near midnight UTC, two or three dates). */
    private Map<LocalDate, List<String>> eveningZones(Instant now) {
        Map<LocalDate, List<String>> byDate = new TreeMap<>();
        for (String zone : ZONES) {
            ZonedDateTime local = now.atZone(ZoneId.of(zone));
            if (local.getHour() >= settings.eveningHour()) {
                byDate.computeIfAbsent(local.toLocalDate(), d -> new ArrayList<>()).add(zone);
            }
        }
        return byDate;
    }

    /** Picks and claims up to a batch of users to remind for {@code day}, in one statement. */
    private List<Due> claim(LocalDate day, List<String> zones, Instant now) {
        return jdbc.sql("""
                WITH due AS (
                    SELECT s.user_id
                      FROM user_settings s
                      JOIN users u ON u.id = s.user_id
                     WHERE s.email_reminder_to_write
                       AND u.deleted_at IS NULL AND u.is_active
                       AND COALESCE(u.timezone, 'UTC') IN (:zones)
                       AND NOT EXISTS (SELECT 1 FROM user_writing_days w
                                        WHERE w.user_id = s.user_id AND w.entry_date = :day)
                       AND NOT EXISTS (SELECT 1 FROM reminder_mails r
                                        WHERE r.user_id = s.user_id AND r.local_date = :day)
                     ORDER BY s.user_id
                     LIMIT :limit
                ), claimed AS (
                    INSERT INTO reminder_mails (user_id, local_date, sent_at)
                    SELECT user_id, :day, :now FROM due
                    ON CONFLICT (user_id, local_date) DO NOTHING
                    RETURNING user_id
                )
                SELECT u.id, u.email, u.display_name FROM claimed c JOIN users u ON u.id = c.user_id
                """)
                .param("zones", zones)
                .param("day", day)
                .param("now", Timestamp.from(now))
                .param("limit", settings.batchSize())
                .query((rs, row) -> new Due(new UserId(rs.getObject("id", UUID.class)), rs.getString("email"),
                        rs.getString("display_name")))
                .list();
    }

    /** @return how many went out; after the first refusal the remaining claims are given back */
    private int send(List<Due> batch, LocalDate day) {
        for (int i = 0; i < batch.size(); i++) {
            Due due = batch.get(i);
            String url = unsubscribe.url(due.id(), MailingList.WRITING_REMINDER).orElse(null);
            if (url == null || !send(due, url)) {
                for (Due unsent : batch.subList(i, batch.size())) {
                    jdbc.sql("DELETE FROM reminder_mails WHERE user_id = :user AND local_date = :day")
                            .param("user", unsent.id().value())
                            .param("day", day)
                            .update();
                }
                return i;
            }
        }
        return batch.size();
    }

    private boolean send(Due due, String unsubscribeUrl) {
        String base = auth.publicBaseUrl();
        String greeting = PlainText.greeting(due.displayName());
        String line = "you have not written in your MindFlow journal today. A few lines are enough:";
        String why = "You get this mail because writing reminders are on in your MindFlow settings. To stop them, "
                + "use the unsubscribe button of your mail app, or turn them off in your settings:";
        String text = greeting + "\n\n" + line + "\n\n" + base + "\n\n-- \n" + why + " " + base + "/settings\n";
        String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Time to write in MindFlow</title>"
                + "</head>\n<body style=\"font-family:sans-serif;line-height:1.5\">\n<p>" + Html.escape(greeting)
                + "</p>\n<p>" + Html.escape(line) + "</p>\n<p><a href=\"" + Html.escape(base) + "\">Open MindFlow</a>"
                + "</p>\n<p style=\"color:#666;font-size:small\">" + Html.escape(why) + " <a href=\""
                + Html.escape(base + "/settings") + "\">" + Html.escape(base + "/settings") + "</a></p>\n"
                + "</body></html>\n";
        return mailer.sendListMail(due.id(), "writing-reminder", due.email(), "Time to write in MindFlow", text,
                html, unsubscribeUrl);
    }

    /** Claims no zone's today can need any more, and entry days likewise. */
    private void prune(Instant now) {
        jdbc.sql("DELETE FROM reminder_mails WHERE local_date < :oldest")
                .param("oldest", LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(2))
                .update();
        writingDays.prune();
    }

    private record Due(UserId id, String email, String displayName) {

        @Override
        public String toString() {
            return "Due[" + id + "]"; // no address in a log line
        }
    }
}
