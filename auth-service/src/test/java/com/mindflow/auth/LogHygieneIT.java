package com.mindflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.mindflow.auth.support.Api;
import com.mindflow.auth.support.AuthITSupport;

/** Every flow that handles a secret, with the service's log output captured: no secret may show up in it. */
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneIT extends AuthITSupport {

    @Test
    void noPasswordTokenOrHashEverReachesTheLog(CapturedOutput output) {
        Api api = api();
        var user = register(api);
        String verification = mailbox().await(user.email(), "Confirm your MindFlow email", Duration.ofSeconds(20))
                .token();
        api.post("/api/auth/verify-email", Map.of("token", verification));
        api.post("/api/auth/login", Map.of("email", user.email(), "password", "a wrong password here"));
        Tokens tokens = login(api, user);
        Api.Response refreshed = api.post("/api/auth/refresh", Map.of("refreshToken", tokens.refresh()));
        api.post("/api/auth/refresh", Map.of("refreshToken", tokens.refresh())); // reuse: logged as a warning
        Tokens again = login(api.anotherDevice(), user);
        String newPassword = "another long passphrase";
        api.put("/api/me/password", Map.of("currentPassword", PASSWORD, "newPassword", newPassword), again.access());
        api.post("/api/auth/password-reset", Map.of("email", user.email()));
        String reset = mailbox().await(user.email(), "Reset your MindFlow password", Duration.ofSeconds(20)).token();
        api.post("/api/auth/password-reset/confirm", Map.of("token", reset, "newPassword", "a third passphrase!"));
        String hash = jdbc.sql("SELECT password_hash FROM users WHERE id = :id").param("id", user.id())
                .query(String.class).single();

        assertThat(output.getAll()).as("the service log was captured").contains("Refresh token reuse")
                .doesNotContain(PASSWORD, newPassword, "a third passphrase!", "a wrong password here")
                .doesNotContain(tokens.access(), tokens.refresh(), refreshed.text("refreshToken"), again.access())
                .doesNotContain(verification, reset, hash);
    }
}
