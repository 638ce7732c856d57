package com.mindflow.auth.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import com.mindflow.auth.support.AuthITSupport;
import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.user.UserDataExportCompleted;

/**
 * {@code UserDataExportCompleted} (from command-service) gets the user a mail linking to the export's status page,
 * never to the archive itself.
 */
class ExportReadyMailIT extends AuthITSupport {

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Test
    void aCompletedExportIsMailedAsALinkToItsStatusPage() throws Exception {
        var user = register(api());
        UUID export = UUID.randomUUID();
        String json = new EventCodec().write(EventEnvelope.of(new UserDataExportCompleted(user.id(), export, 12,
                34_567, Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-08T10:00:00Z")), "export-it"));

        kafka.send(Topics.USERS, user.id().toString(), json).get();

        var mail = mailbox().await(user.email(), "data export is ready", Duration.ofSeconds(30));
        assertThat(mail.text()).contains("/settings/export/" + export, "2026-12-08 10:00")
                .doesNotContain("X-Amz-", "s3");
    }
}
