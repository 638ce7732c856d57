package com.mindflow.auth.export;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.mindflow.auth.account.Users;
import com.mindflow.auth.mail.Mailer;
import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.user.UserDataExportCompleted;
import com.mindflow.support.security.UserId;

/**
 * Tells the user their data export is ready ({@link UserDataExportCompleted}, from command-service). The mail holds a
 * link to the export's status page, which needs a fresh sign-in and hands out a short-lived download URL, never the
 * download URL itself: a mail is read late, forwarded and kept. An account that is locked or gone gets no mail.
 */
@Component
class ExportReadyMail {

    static final String GROUP = "auth-export-mail";

    private static final Logger log = LoggerFactory.getLogger(ExportReadyMail.class);

    private final Users users;
    private final Mailer mailer;
    private final EventCodec codec = new EventCodec();

    ExportReadyMail(Users users, Mailer mailer) {
        this.users = users;
        this.mailer = mailer;
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.USERS)
    void on(String json) {
        EventEnvelope<?> envelope;
        try {
            envelope = codec.read(json);
        }
        catch (RuntimeException unknown) {
            // An event type of a newer build: not an export of ours.
            log.debug("Skipping an unreadable user event: {}", unknown.toString());
            return;
        }
        if (envelope.payload() instanceof UserDataExportCompleted completed) {
            UserId id = new UserId(completed.userId());
            users.active(id).ifPresent(user -> mailer.sendExportReady(id, user.email(), user.displayName(),
                    completed.exportId(), completed.expiresAt()));
        }
    }
}
