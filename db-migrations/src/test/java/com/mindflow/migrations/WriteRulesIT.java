package com.mindflow.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed's rules on mindflow_write, each rejected by the constraint the seed names. */
class WriteRulesIT {

    private static Connection db;

    @BeforeAll
    static void connect() throws SQLException {
        db = Db.connect(Migrations.WRITE_DATABASE);
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @Test
    void unknownMoodIsRejected() throws SQLException {
        UUID user = newUser();
        Db.assertRejected("check_mood", () -> insertEntry(user, LocalDate.now(), "bored", "text"));
        assertThatCode(() -> insertEntry(user, LocalDate.now(), "anxious", "text")).doesNotThrowAnyException();
        assertThatCode(() -> insertEntry(user, LocalDate.now().minusDays(1), null, "no mood is fine"))
                .doesNotThrowAnyException();
    }

    @Test
    void contentOverTenThousandCharactersIsRejected() throws SQLException {
        UUID user = newUser();
        Db.assertRejected("check_content_length", () -> insertEntry(user, LocalDate.now(), "happy", "é".repeat(10_001)));
        // The limit counts characters, not bytes: 10,000 two-byte characters fit.
        assertThatCode(() -> insertEntry(user, LocalDate.now(), "happy", "é".repeat(10_000)))
                .doesNotThrowAnyException();
    }

    @Test
    void secondEntryForTheSameUserAndDateIsRejected() throws SQLException {
        UUID user = newUser();
        LocalDate date = LocalDate.of(2025, 10, 25);
        UUID first = insertEntry(user, date, "happy", "first");
        Db.assertRejected("uq_user_date", () -> insertEntry(user, date, "sad", "second"));
        assertThatCode(() -> insertEntry(newUser(), date, "sad", "another user, same date")).doesNotThrowAnyException();

        // A soft-deleted entry frees its day (uq_user_date covers live entries only), but cannot come back over it.
        Db.update(db, "UPDATE journal_entries SET deleted_at = now() WHERE id = ?", first);
        assertThatCode(() -> insertEntry(user, date, "sad", "a new start")).doesNotThrowAnyException();
        Db.assertRejected("uq_user_date",
                () -> Db.update(db, "UPDATE journal_entries SET deleted_at = NULL WHERE id = ?", first));
    }

    @Test
    void malformedEmailIsRejected() throws SQLException {
        Db.assertRejected("check_email_format", () -> insertUser(unique() + "@nodot", "system", "en"));
        Db.assertRejected("check_email_format", () -> insertUser("two@@" + unique() + ".com", "system", "en"));
        Db.assertRejected("check_email_format", () -> insertUser(unique() + "@example.c", "system", "en"));
        assertThatCode(() -> insertUser("First.Last+tag_" + unique() + "@Sub.Example.COM", "system", "en"))
                .doesNotThrowAnyException();
        // The seed's [A-Z|a-z] also admits '|' in the top-level domain; kept as the seed says (DESIGN-NOTES.md).
        assertThatCode(() -> insertUser(unique() + "@example.c|m", "system", "en")).doesNotThrowAnyException();
    }

    @Test
    void duplicateEmailIsRejected() throws SQLException {
        String email = unique() + "@example.com";
        insertUser(email, "light", "en");
        Db.assertRejected("users_email_key", () -> insertUser(email, "light", "en"));
    }

    @Test
    void badThemeIsRejected() {
        Db.assertRejected("check_theme", () -> insertUser(unique() + "@example.com", "blue", "en"));
        assertThatCode(() -> insertUser(unique() + "@example.com", "dark", "en")).doesNotThrowAnyException();
    }

    @Test
    void badLanguageIsRejected() {
        Db.assertRejected("check_language", () -> insertUser(unique() + "@example.com", "system", "de"));
        assertThatCode(() -> insertUser(unique() + "@example.com", "system", "pt")).doesNotThrowAnyException();
    }

    @Test
    void attachmentOverFiftyMegabytesIsRejected() throws SQLException {
        UUID entry = insertEntry(newUser(), LocalDate.now(), "happy", "with attachments");
        Db.assertRejected("check_file_size", () -> insertAttachment(entry, 60L * 1024 * 1024, "image/png"));
        Db.assertRejected("check_file_size", () -> insertAttachment(entry, 0, "image/png"));
        assertThatCode(() -> insertAttachment(entry, 50L * 1024 * 1024, "image/png")).doesNotThrowAnyException();
    }

    @Test
    void htmlAttachmentIsRejected() throws SQLException {
        UUID entry = insertEntry(newUser(), LocalDate.now(), "happy", "with attachments");
        Db.assertRejected("check_mime_type", () -> insertAttachment(entry, 1024, "text/html"));
        assertThatCode(() -> insertAttachment(entry, 1024, "application/pdf")).doesNotThrowAnyException();
    }

    @Test
    void currentStreakAboveLongestIsRejected() throws SQLException {
        UUID user = newUser();
        Db.assertRejected("check_streaks", () -> insertStreak(user, 5, 3));
        Db.assertRejected("check_streaks", () -> insertStreak(user, -1, 0));
        assertThatCode(() -> insertStreak(user, 3, 5)).doesNotThrowAnyException();
        Db.assertRejected("uq_user_streak", () -> insertStreak(user, 1, 5));
    }

    @Test
    void tagNamesMustBeLowercaseAndTrimmed() {
        Db.assertRejected("check_tag_name", () -> insertTag("Work" + unique()));
        Db.assertRejected("check_tag_name", () -> insertTag(" work" + unique()));
        Db.assertRejected("check_tag_name", () -> insertTag(""));
        assertThatCode(() -> insertTag("work-" + unique())).doesNotThrowAnyException();
    }

    @Test
    void deletingAUserCascadesToEverythingTheyOwn() throws SQLException {
        UUID user = newUser();
        UUID entry = insertEntry(user, LocalDate.now(), "happy", "bye");
        insertAttachment(entry, 10, "image/jpeg");
        insertStreak(user, 1, 1);
        Db.update(db, "INSERT INTO user_settings (user_id) VALUES (?)", user);
        Db.update(db, "DELETE FROM users WHERE id = ?", user);
        assertThat(Db.single(db, "SELECT count(*) FROM journal_entries WHERE user_id = ?", user)).isEqualTo(0L);
        assertThat(Db.single(db, "SELECT count(*) FROM attachments WHERE journal_entry_id = ?", entry)).isEqualTo(0L);
        assertThat(Db.single(db, "SELECT count(*) FROM user_streaks WHERE user_id = ?", user)).isEqualTo(0L);
        assertThat(Db.single(db, "SELECT count(*) FROM user_settings WHERE user_id = ?", user)).isEqualTo(0L);
    }

    // --- helpers


    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 12);
    }

    private static UUID newUser() throws SQLException {
        return insertUser("it-" + unique() + "@example.com", "system", "en");
    }

    private static UUID insertUser(String email, String theme, String language) throws SQLException {
        UUID id = UUID.randomUUID();
        Db.update(db, """
                INSERT INTO users (id, email, password_hash, display_name, theme, language)
                VALUES (?, ?, 'x', 'Test User', ?, ?)""", id, email, theme, language);
        return id;
    }

    private static UUID insertEntry(UUID user, LocalDate date, String mood, String content) throws SQLException {
        UUID id = UUID.randomUUID();
        Db.update(db, "INSERT INTO journal_entries (id, user_id, date, title, content, mood) VALUES (?, ?, ?, 't', ?, ?)",
                id, user, date, content, mood);
        return id;
    }

    private static void insertAttachment(UUID entry, long size, String mimeType) throws SQLException {
        Db.update(db, """
                INSERT INTO attachments (journal_entry_id, file_name, file_size, mime_type, s3_key, s3_url)
                VALUES (?, 'f', ?, ?, 'k', 'http://s3/k')""", entry, size, mimeType);
    }

    private static void insertStreak(UUID user, int current, int longest) throws SQLException {
        Db.update(db, "INSERT INTO user_streaks (user_id, current_streak, longest_streak) VALUES (?, ?, ?)",
                user, current, longest);
    }

    private static void insertTag(String name) throws SQLException {
        Db.update(db, "INSERT INTO tags (name) VALUES (?)", name);
    }
}
