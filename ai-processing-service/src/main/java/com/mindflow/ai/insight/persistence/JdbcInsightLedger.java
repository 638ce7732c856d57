package com.mindflow.ai.insight.persistence;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.ai.insight.application.InsightLedger;
import com.mindflow.ai.insight.domain.InsightPeriod;
import com.mindflow.events.ai.InsightType;

/** {@code ai_insights} of the analytics database (this service's own table, migration analytics V9). */
@Component
class JdbcInsightLedger implements InsightLedger {

    private static final String COLUMNS =
            "insight_id, user_id, insight_type, start_date, end_date, status, attempts, generated_at, claimed_at";

    private final JdbcClient jdbc;

    JdbcInsightLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<InsightRecord> find(UUID insightId, UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ai_insights WHERE insight_id = :id AND user_id = :userId")
                .param("id", insightId).param("userId", userId).query(JdbcInsightLedger::record).optional();
    }

    @Override
    public int openCustom(UUID userId) {
        return jdbc.sql("""
                SELECT count(*) FROM ai_insights
                 WHERE user_id = :userId AND insight_type = 'custom' AND status IN ('pending', 'processing')
                """).param("userId", userId).query(Integer.class).single();
    }

    @Override
    public void requestCustom(UUID insightId, UUID userId, InsightPeriod period, Instant at) {
        jdbc.sql("""
                INSERT INTO ai_insights (insight_id, user_id, insight_type, start_date, end_date, status, requested_at)
                VALUES (:id, :userId, 'custom', :start, :end, 'pending', :at)
                """).param("id", insightId).param("userId", userId).param("start", Date.valueOf(period.start()))
                .param("end", Date.valueOf(period.end())).param("at", Timestamp.from(at)).update();
    }

    @Override
    public int schedule(ZoneId zone, InsightPeriod period, Instant at) {
        // Only accounts that may be analysed now and have findings in the period: an empty period owes nothing.
        return jdbc.sql("""
                INSERT INTO ai_insights (insight_id, user_id, insight_type, start_date, end_date, status, requested_at)
                SELECT gen_random_uuid(), u.user_id, :type, :start, :end, 'pending', :at
                  FROM ai_users u
                 WHERE coalesce(u.timezone, 'UTC') = :zone
                   AND NOT u.private_mode AND u.processing_consent AND u.erased_at IS NULL
                   AND EXISTS (SELECT 1 FROM ai_entry_facts f
                                WHERE f.user_id = u.user_id AND f.entry_date BETWEEN :start AND :end)
                ON CONFLICT DO NOTHING
                """).param("type", period.type().wireName()).param("start", Date.valueOf(period.start()))
                .param("end", Date.valueOf(period.end())).param("at", Timestamp.from(at)).param("zone", zone.getId())
                .update();
    }

    @Override
    public List<ZoneId> zones() {
        return jdbc.sql("""
                SELECT DISTINCT coalesce(timezone, 'UTC') FROM ai_users
                 WHERE NOT private_mode AND processing_consent AND erased_at IS NULL
                """).query(String.class).list().stream().flatMap(JdbcInsightLedger::zone).toList();
    }

    private static java.util.stream.Stream<ZoneId> zone(String id) {
        try {
            return java.util.stream.Stream.of(ZoneId.of(id));
        }
        catch (java.time.DateTimeException e) {
            return java.util.stream.Stream.empty(); // auth-service accepts only valid zones; an old row is skipped
        }
    }

    @Override
    public List<InsightRecord> claim(int max, Duration lease, Instant now) {
        // A retry waits 10 s per attempt so far; SKIP LOCKED lets instances claim side by side.
        return jdbc.sql("""
                UPDATE ai_insights SET status = 'processing', claimed_at = :now, attempts = attempts + 1
                 WHERE insight_id IN (
                       SELECT insight_id FROM ai_insights
                        WHERE (status = 'pending'
                               AND (claimed_at IS NULL OR claimed_at < CAST(:now AS timestamptz) - make_interval(secs => 10 * attempts)))
                           OR (status = 'processing' AND claimed_at < :leaseEnd)
                        ORDER BY (insight_type = 'custom') DESC, requested_at
                        LIMIT :max
                        FOR UPDATE SKIP LOCKED)
                RETURNING
                """ + COLUMNS)
                .param("now", Timestamp.from(now)).param("leaseEnd", Timestamp.from(now.minus(lease)))
                .param("max", max).query(JdbcInsightLedger::record).list();
    }

    @Override
    public boolean finish(InsightRecord claimed, Status status, Instant at) {
        return jdbc.sql("""
                UPDATE ai_insights SET status = :status, claimed_at = NULL,
                       generated_at = CASE WHEN :status = 'completed' THEN :at ELSE generated_at END
                 WHERE insight_id = :id AND status = 'processing' AND claimed_at = :claimedAt
                """).param("status", status.name().toLowerCase(Locale.ROOT)).param("at", Timestamp.from(at))
                .param("id", claimed.insightId()).param("claimedAt", Timestamp.from(claimed.claimedAt()))
                .update() == 1;
    }

    @Override
    public void failed(InsightRecord claimed, int maxAttempts) {
        jdbc.sql("""
                UPDATE ai_insights SET status = CASE WHEN attempts >= :max THEN 'failed' ELSE 'pending' END
                 WHERE insight_id = :id AND status = 'processing' AND claimed_at = :claimedAt
                """).param("max", maxAttempts).param("id", claimed.insightId())
                .param("claimedAt", Timestamp.from(claimed.claimedAt())).update();
    }

    @Override
    public int stale(UUID userId, List<LocalDate> dates) {
        int changed = 0;
        for (LocalDate date : dates) {
            // Also one being made right now: its claim no longer matches, so its outcome is not recorded and the
            // next drain makes it again from the changed findings.
            changed += jdbc.sql("""
                    UPDATE ai_insights SET status = 'pending', claimed_at = NULL, attempts = 0
                     WHERE user_id = :userId AND :date BETWEEN start_date AND end_date
                       AND status IN ('completed', 'empty', 'processing')
                    """).param("userId", userId).param("date", Date.valueOf(date)).update();
        }
        return changed;
    }

    @Override
    public boolean forget(UUID insightId, UUID userId) {
        return jdbc.sql("""
                UPDATE ai_insights SET status = 'forgotten', claimed_at = NULL
                 WHERE insight_id = :id AND user_id = :userId AND status <> 'forgotten'
                """).param("id", insightId).param("userId", userId).update() == 1;
    }

    @Override
    public boolean remake(UUID insightId, UUID userId) {
        return jdbc.sql("""
                UPDATE ai_insights SET status = 'pending', claimed_at = NULL, attempts = 0
                 WHERE insight_id = :id AND user_id = :userId AND status IN ('completed', 'empty', 'failed')
                """).param("id", insightId).param("userId", userId).update() == 1;
    }

    @Override
    public List<UUID> removeAll(UUID userId) {
        return jdbc.sql("DELETE FROM ai_insights WHERE user_id = :userId RETURNING insight_id, insight_type")
                .param("userId", userId).query((rs, n) -> "custom".equals(rs.getString(2))
                        ? rs.getObject(1, UUID.class) : null)
                .list().stream().filter(java.util.Objects::nonNull).toList();
    }

    private static InsightRecord record(ResultSet rs, int row) throws SQLException {
        Timestamp claimed = rs.getTimestamp("claimed_at");
        return new InsightRecord(rs.getObject("insight_id", UUID.class), rs.getObject("user_id", UUID.class),
                new InsightPeriod(InsightType.fromWireName(rs.getString("insight_type")),
                        rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class)),
                Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getInt("attempts"),
                rs.getTimestamp("generated_at") != null, claimed == null ? null : claimed.toInstant());
    }
}
