package com.mindflow.auth.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mindflow.support.security.UserId;

/** The user accounts in {@code users}; "active" means not soft-deleted and not deactivated. */
@Repository
public class Users {

    private static final String COLUMNS = """
            id, email, password_hash, display_name, photo_url, timezone, language, theme,
            created_at, updated_at, last_login_at, email_verified
            """;

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new account; a taken email surfaces as Spring's {@code DuplicateKeyException}. */
    void add(UserId id, String email, String passwordHash, String displayName, String timezone, String language,
            Instant now) {
        jdbc.sql("""
                INSERT INTO users (id, email, password_hash, display_name, timezone, language, theme,
                                   created_at, updated_at)
                VALUES (:id, :email, :hash, :name, :tz, :lang, 'system', :now, :now)
                """)
                .param("id", id.value())
                .param("email", email)
                .param("hash", passwordHash)
                .param("name", displayName)
                .param("tz", timezone)
                .param("lang", language)
                .param("now", Timestamp.from(now))
                .update();
    }

    public Optional<User> activeByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE email = :email AND deleted_at IS NULL AND is_active")
                .param("email", email)
                .query(Users::map)
                .optional();
    }

    public Optional<User> active(UserId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id AND deleted_at IS NULL AND is_active")
                .param("id", id.value())
                .query(Users::map)
                .optional();
    }

    /** The account, locked until the transaction ends, so concurrent profile edits apply one after the other. */
    Optional<User> lockActive(UserId id) {
        return jdbc.sql("SELECT " + COLUMNS
                + " FROM users WHERE id = :id AND deleted_at IS NULL AND is_active FOR UPDATE")
                .param("id", id.value())
                .query(Users::map)
                .optional();
    }

    public void recordLogin(UserId id, Instant at) {
        jdbc.sql("UPDATE users SET last_login_at = :at WHERE id = :id")
                .param("at", Timestamp.from(at))
                .param("id", id.value())
                .update();
    }

    public void changePasswordHash(UserId id, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = :hash WHERE id = :id AND deleted_at IS NULL")
                .param("hash", passwordHash)
                .param("id", id.value())
                .update();
    }

    /** @return false when the account is gone or was already verified */
    boolean markEmailVerified(UserId id) {
        return jdbc.sql("""
                UPDATE users SET email_verified = true
                 WHERE id = :id AND deleted_at IS NULL AND NOT email_verified
                """)
                .param("id", id.value())
                .update() == 1;
    }

    void updateProfile(UserId id, String displayName, String photoUrl, String timezone, String language,
            String theme) {
        jdbc.sql("""
                UPDATE users SET display_name = :name, photo_url = :photo, timezone = :tz, language = :lang,
                                 theme = :theme
                 WHERE id = :id AND deleted_at IS NULL
                """)
                .param("name", displayName)
                .param("photo", photoUrl)
                .param("tz", timezone)
                .param("lang", language)
                .param("theme", theme)
                .param("id", id.value())
                .update();
    }

    /** Locks the account until {@code purgeAfter}; @return false when it was not live */
    boolean scheduleDeletion(UserId id, Instant at, Instant purgeAfter) {
        return jdbc.sql("""
                UPDATE users SET deleted_at = :at, purge_after = :purge, is_active = false
                 WHERE id = :id AND deleted_at IS NULL
                """)
                .param("at", Timestamp.from(at))
                .param("purge", Timestamp.from(purgeAfter))
                .param("id", id.value())
                .update() == 1;
    }

    /** The account of {@code email} if it is locked for deletion and not yet due for the purge. */
    public Optional<PendingDeletion> pendingDeletionByEmail(String email, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + ", purge_after FROM users WHERE email = :email AND purge_after > :now")
                .param("email", email)
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new PendingDeletion(map(rs, row), instant(rs, "purge_after")))
                .optional();
    }

    /** Opens a locked account again; @return false when it is not (or no longer) pending deletion */
    boolean cancelDeletion(UserId id, Instant now) {
        return jdbc.sql("""
                UPDATE users SET deleted_at = NULL, purge_after = NULL, is_active = true
                 WHERE id = :id AND purge_after > :now
                """)
                .param("id", id.value())
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    /**
     * Accounts whose grace period has passed, locked until the transaction ends; {@code SKIP LOCKED} lets two
     * instances purge side by side without erasing one account twice.
     */
    List<User> lockDueForPurge(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM users WHERE purge_after <= :now ORDER BY purge_after LIMIT :limit FOR UPDATE SKIP LOCKED
                """)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(Users::map)
                .list();
    }

    /** Deletes the row for good; the foreign keys cascade to consent, settings and the journal. */
    void erase(UserId id) {
        jdbc.sql("DELETE FROM users WHERE id = :id").param("id", id.value()).update();
    }

    /** An account locked for deletion, and when it will be erased. */
    public record PendingDeletion(User user, Instant purgeAfter) {
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(new UserId(rs.getObject("id", UUID.class)), rs.getString("email"),
                rs.getString("password_hash"), rs.getString("display_name"), rs.getString("photo_url"),
                rs.getString("timezone"), rs.getString("language"), rs.getString("theme"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "last_login_at"),
                rs.getBoolean("email_verified"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
