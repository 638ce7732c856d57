package com.mindflow.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mindflow.auth.support.Api;
import com.mindflow.auth.support.AuthITSupport;

/**
 * {@code DELETE /api/me} locks the account for the grace period (1 hour here), a sign-in with the right password
 * offers to cancel, and the purge erases the account once the period has passed (moved into the past here).
 */
class AccountDeletionIT extends AuthITSupport {

    @Autowired
    private AccountDeletion deletion;

    @Test
    void deletingNeedsThePasswordLocksTheAccountEndsEverySessionAndMailsTheOwner() {
        Api api = api();
        var user = register(api);
        Tokens one = login(api, user);
        Api other = api.anotherDevice();
        Tokens two = login(other, user);

        assertThat(api.delete("/api/me", Map.of("password", "not my password at all"), one.access()).status())
                .isEqualTo(403);
        Api.Response missing = api.delete("/api/me", Map.of(), one.access());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.field()).isEqualTo("password");
        assertThat(api.delete("/api/me", Map.of("password", PASSWORD), null).status()).isEqualTo(401);

        Api.Response accepted = api.delete("/api/me", Map.of("password", PASSWORD), one.access());

        assertThat(accepted.status()).isEqualTo(202);
        Instant purgeAfter = Instant.parse(accepted.text("purgeAfter"));
        assertThat(Duration.between(Instant.now(), purgeAfter)).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
        assertThat(accepted.text("cancel")).isEqualTo("/api/auth/account-deletion/cancel");
        assertThat(api.get("/api/me", one.access()).status()).isEqualTo(401);
        assertThat(other.get("/api/me", two.access()).status()).isEqualTo(401);
        assertThat(redis.opsForSet().size("user:" + user.id() + ":sessions")).isZero();
        assertThat(outboxEvents(user.id(), "UserDeletionRequested")).hasSize(1);
        assertThat(outboxEvents(user.id(), "UserDeleted")).isEmpty();
        var mail = mailbox().await(user.email(), "will be deleted", Duration.ofSeconds(20));
        assertThat(mail.text()).contains("locked").contains("Sign in");
    }

    @Test
    void aLockedAccountAnswersTheRightPasswordWithACancelTokenAndAnyOtherWithTheUsualRefusal() {
        Api api = api();
        var user = register(api);
        Tokens tokens = login(api, user);
        api.delete("/api/me", Map.of("password", PASSWORD), tokens.access());

        Api.Response wrong = api.anotherDevice().post("/api/auth/login",
                Map.of("email", user.email(), "password", "not my password at all"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text("code")).isEqualTo("invalid-credentials");

        Api.Response locked = api.post("/api/auth/login", Map.of("email", user.email(), "password", PASSWORD));

        assertThat(locked.status()).isEqualTo(423);
        assertThat(locked.contentType()).startsWith("application/problem+json");
        assertThat(locked.text("code")).isEqualTo("account-deletion-pending");
        assertThat(locked.text("cancelToken")).isNotBlank();
        assertThat(locked.text("cancel")).isEqualTo("/api/auth/account-deletion/cancel");
        assertThat(locked.text("purgeAfter")).isNotBlank();
        assertThat(locked.json().has("accessToken")).isFalse();
    }

    @Test
    void confirmingWithTheCancelTokenOpensTheAccountAgainOnce() {
        Api api = api();
        var user = register(api);
        api.delete("/api/me", Map.of("password", PASSWORD), login(api, user).access());
        String token = api.post("/api/auth/login", Map.of("email", user.email(), "password", PASSWORD))
                .text("cancelToken");

        assertThat(api.post("/api/auth/account-deletion/cancel", Map.of("cancelToken", token)).status())
                .isEqualTo(204);

        Api.Response again = api.post("/api/auth/account-deletion/cancel", Map.of("cancelToken", token));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.field()).isEqualTo("cancelToken");
        Tokens back = login(api, user);
        assertThat(api.get("/api/me", back.access()).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT purge_after IS NULL AND deleted_at IS NULL FROM users WHERE id = :id")
                .param("id", user.id()).query(Boolean.class).single()).isTrue();
        assertThat(outboxEvents(user.id(), "UserDeletionCancelled")).hasSize(1);
        mailbox().await(user.email(), "will not be deleted", Duration.ofSeconds(20));
    }

    @Test
    void aCancelNeedsAValidToken() {
        Api api = api();
        Api.Response missing = api.post("/api/auth/account-deletion/cancel", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.field()).isEqualTo("cancelToken");
        Api.Response forged = api.post("/api/auth/account-deletion/cancel", Map.of("cancelToken", "forged"));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.field()).isEqualTo("cancelToken");
    }

    @Test
    void afterTheGracePeriodThePurgeErasesTheAccountOnceAndTheAddressCanSignUpAgain() {
        Api api = api();
        var user = register(api);
        api.delete("/api/me", Map.of("password", PASSWORD), login(api, user).access());
        String token = api.post("/api/auth/login", Map.of("email", user.email(), "password", PASSWORD))
                .text("cancelToken");

        jdbc.sql("UPDATE users SET purge_after = now() - INTERVAL '1 second' WHERE id = :id")
                .param("id", user.id()).update();

        await(Duration.ofSeconds(20), () -> rows("users", "id", user.id()) == 0, "the purge");
        for (String table : new String[] {"user_settings", "user_gdpr_consent"}) {
            assertThat(rows(table, "user_id", user.id())).as(table).isZero();
        }
        // The outbox keeps the erasure and nothing else of the user (earlier payloads held the email and name).
        assertThat(outboxEvents(user.id(), "UserDeleted")).hasSize(1);
        assertThat(rows("outbox_events", "user_id", user.id())).isEqualTo(1);
        mailbox().await(user.email(), "has been erased", Duration.ofSeconds(20));

        assertThat(deletion.purgeDue()).isZero();
        assertThat(outboxEvents(user.id(), "UserDeleted")).hasSize(1);
        assertThat(api.post("/api/auth/account-deletion/cancel", Map.of("cancelToken", token)).status())
                .isEqualTo(400);
        Api.Response gone = api.post("/api/auth/login", Map.of("email", user.email(), "password", PASSWORD));
        assertThat(gone.status()).isEqualTo(401);
        assertThat(gone.text("code")).isEqualTo("invalid-credentials");

        Api.Response again = api.ownLoopbackAddress().post("/api/auth/register",
                registration(user.email(), PASSWORD));
        assertThat(again.status()).isEqualTo(201);
        UUID newId = UUID.fromString(again.text("id"));
        assertThat(newId).isNotEqualTo(user.id());
        assertThat(rows("users", "id", newId)).isEqualTo(1);
        assertThat(login(api, user.email(), PASSWORD).access()).isNotBlank();
    }

    private long rows(String table, String column, UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = :id").param("id", id)
                .query(Long.class).single();
    }
}
