package com.mindflow.auth.replay;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.replay.ReplayCodec;
import com.mindflow.events.replay.SnapshotsRequested;
import com.mindflow.events.user.UserConsent;
import com.mindflow.events.user.UserRegistered;
import com.mindflow.events.user.UserSettings;
import com.mindflow.support.replay.ReplayPublisher;

/**
 * Answers the read model's request for snapshots with every live account (profile, settings, consent) as a
 * {@link UserRegistered}: the account fields of {@code user_profile_view} come only from auth-service. Other sinks
 * derive nothing from accounts and get no answer from here.
 */
@Component
class AccountReplay {

    static final String GROUP = "auth-replay";
    static final String SINK = "read-model";
    static final int PAGE = 500;

    private static final Logger log = LoggerFactory.getLogger(AccountReplay.class);
    // Live accounts and those in their deletion grace period (a cancel brings them back); not those due for the purge.
    private static final String ACCOUNTS = """
            SELECT u.id, u.email, u.display_name, u.photo_url, u.timezone, u.language, u.theme, u.email_verified,
                   u.created_at, s.auto_save, s.private_mode, s.email_weekly_insights, s.email_monthly_insights,
                   s.email_reminder_to_write, c.terms_version, c.terms_accepted_at, c.privacy_policy_version,
                   c.privacy_policy_accepted_at, c.data_processing_consent, c.marketing_consent
              FROM users u
              LEFT JOIN user_settings s ON s.user_id = u.id
              JOIN user_gdpr_consent c ON c.user_id = u.id
             WHERE (u.deleted_at IS NULL OR u.purge_after > now()) AND u.id > :after
             ORDER BY u.id
             LIMIT :page
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;
    private final ReplayPublisher publisher;
    private final Clock clock;
    private final Duration maxAge;
    private final ReplayCodec codec = new ReplayCodec();

    AccountReplay(JdbcClient jdbc, PlatformTransactionManager transactions, KafkaTemplate<String, String> kafka,
            Clock clock, @Value("${spring.application.name}") String source,
            @Value("${mindflow.replay.max-request-age:1h}") Duration maxAge) {
        this.jdbc = jdbc;
        this.publisher = new ReplayPublisher(kafka, source);
        this.clock = clock;
        this.maxAge = maxAge;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    // A new group starts at the end: requests older than the group are history, not work (each replays everything).
    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.REBUILDS, properties = "auto.offset.reset=latest")
    void on(String json) {
        if (!(codec.read(json) instanceof SnapshotsRequested request) || !SINK.equals(request.sink())) {
            return;
        }
        if (request.requestedAt().isBefore(clock.instant().minus(maxAge))) {
            log.warn("Ignoring snapshot request {} from {}: older than {}", request.rebuildId(), request.requestedAt(),
                    maxAge);
            return;
        }
        long accounts = publish(request.rebuildId());
        log.info("Replayed {} accounts for rebuild {} of {}", accounts, request.rebuildId(), request.sink());
    }

    long publish(UUID rebuildId) {
        record Snapshot(long accounts, Instant asOf) {
        }
        Snapshot done = Objects.requireNonNull(snapshot.execute(status -> {
            Instant asOf = jdbc.sql("SELECT now()").query(Timestamp.class).single().toInstant();
            String correlation = "rebuild-" + rebuildId;
            long accounts = 0;
            UUID after = new UUID(0, 0);
            while (true) {
                List<UserRegistered> page = jdbc.sql(ACCOUNTS).param("after", after).param("page", PAGE)
                        .query(AccountReplay::account).list();
                if (page.isEmpty()) {
                    return new Snapshot(accounts, asOf);
                }
                publisher.send(rebuildId, SINK, page.stream().map(a -> EventEnvelope.of(a, correlation)).toList());
                accounts += page.size();
                after = page.getLast().userId();
            }
        }));
        publisher.complete(rebuildId, SINK, done.accounts(), done.asOf());
        return done.accounts();
    }

    private static UserRegistered account(ResultSet rs, int row) throws SQLException {
        // An account always has settings once it registered; the defaults stand in for a missing row.
        UserSettings settings = rs.getObject("auto_save") == null ? new UserSettings(true, false, true, true, false)
                : new UserSettings(rs.getBoolean("auto_save"), rs.getBoolean("private_mode"),
                        rs.getBoolean("email_weekly_insights"), rs.getBoolean("email_monthly_insights"),
                        rs.getBoolean("email_reminder_to_write"));
        UserConsent consent = new UserConsent(rs.getString("terms_version"),
                rs.getTimestamp("terms_accepted_at").toInstant(), rs.getString("privacy_policy_version"),
                rs.getTimestamp("privacy_policy_accepted_at").toInstant(), rs.getBoolean("data_processing_consent"),
                rs.getBoolean("marketing_consent"));
        return new UserRegistered(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"),
                rs.getString("photo_url"), rs.getString("timezone"), rs.getString("language"), rs.getString("theme"),
                rs.getBoolean("email_verified"), settings, consent, rs.getTimestamp("created_at").toInstant());
    }
}
