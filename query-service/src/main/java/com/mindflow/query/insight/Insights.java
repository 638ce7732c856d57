package com.mindflow.query.insight;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The caller's rows of {@code journal_insights} (analytics database). Every query is scoped by the caller's id. */
@Component
class Insights {

    private static final String COLUMNS = """
            id, insight_type, start_date, end_date, generated_at, summary,
            summary_sentences::text AS summary_sentences, entries_analyzed, total_words, average_words,
            most_productive_day, longest_streak, mood_positive_pct, mood_neutral_pct, mood_negative_pct, dominant_mood,
            themes::text AS themes, milestones::text AS milestones, suggestions::text AS suggestions
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Insights(@Qualifier(ReadAndAnalyticsDatabases.ANALYTICS) JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Newest period first; id last so that offset pages never skip or repeat a row. */
    InsightPage list(UUID userId, InsightFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM journal_insights WHERE user_id = :userId");
        var params = new LinkedHashMap<String, Object>();
        params.put("userId", userId);
        if (filter.type() != null) {
            sql.append(" AND insight_type = :type");
            params.put("type", filter.type());
        }
        if (filter.from() != null) {
            sql.append(" AND end_date >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            sql.append(" AND start_date <= :to");
            params.put("to", filter.to());
        }
        sql.append(" ORDER BY start_date DESC, generated_at DESC, id DESC LIMIT :limit OFFSET :offset");
        params.put("limit", filter.size() + 1);
        params.put("offset", (long) filter.page() * filter.size());
        List<InsightView> rows = jdbc.sql(sql.toString()).params(params).query(this::insight).list();
        boolean hasMore = rows.size() > filter.size();
        return new InsightPage(hasMore ? List.copyOf(rows.subList(0, filter.size())) : rows, filter.page(),
                filter.size(), hasMore);
    }

    /** Empty when missing or someone else's. The key is (id, generated_at): should an id recur, the latest wins. */
    Optional<InsightView> find(UUID userId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM journal_insights WHERE id = :id AND user_id = :userId"
                + " ORDER BY generated_at DESC LIMIT 1")
                .param("id", id)
                .param("userId", userId)
                .query(this::insight)
                .optional();
    }

    private InsightView insight(ResultSet rs, int row) throws SQLException {
        return new InsightView(rs.getObject("id", UUID.class), rs.getString("insight_type"),
                rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class),
                rs.getTimestamp("generated_at").toInstant(), InsightView.COMPLETED, rs.getString("summary"),
                list(rs.getString("summary_sentences"), new TypeReference<List<InsightView.SummarySentence>>() {
                }), rs.getInt("entries_analyzed"), rs.getInt("total_words"), rs.getInt("average_words"),
                rs.getString("most_productive_day"), rs.getObject("longest_streak", Integer.class),
                new InsightView.Mood(percent(rs.getBigDecimal("mood_positive_pct")),
                        percent(rs.getBigDecimal("mood_neutral_pct")), percent(rs.getBigDecimal("mood_negative_pct")),
                        rs.getString("dominant_mood")),
                list(rs.getString("themes"), new TypeReference<List<InsightView.Theme>>() {
                }),
                list(rs.getString("milestones"), new TypeReference<List<String>>() {
                }),
                list(rs.getString("suggestions"), new TypeReference<List<String>>() {
                }));
    }

    /** The JSONB columns are nullable (summary_sentences is missing on rows older than V9): null reads as empty. */
    private <T> List<T> list(String stored, TypeReference<List<T>> type) {
        if (stored == null) {
            return List.of();
        }
        List<T> values = json.readValue(stored, type);
        return values == null ? List.of() : values;
    }

    private static Double percent(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
