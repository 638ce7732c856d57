package com.mindflow.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.mindflow.auth.support.Api;
import com.mindflow.auth.support.AuthITSupport;

/** The signed-in user's own account: profile, settings, consent, password, deletion. */
class AccountIT extends AuthITSupport {

    @Test
    void readsAndPatchesTheProfileEmittingUserProfileUpdated() {
        Api api = api();
        var user = register(api);
        Tokens tokens = login(api, user);

        Api.Response patched = api.patch("/api/me", Map.of("displayName", "Renamed", "theme", "dark",
                "photoUrl", "https://cdn.example.com/me.png", "language", "pt"), tokens.access());

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.text("displayName")).isEqualTo("Renamed");
        assertThat(patched.text("timezone")).isEqualTo("Europe/Lisbon"); // untouched
        Api.Response me = api.get("/api/me", tokens.access());
        assertThat(me.text("theme")).isEqualTo("dark");
        assertThat(me.text("language")).isEqualTo("pt");
        assertThat(me.text("photoUrl")).isEqualTo("https://cdn.example.com/me.png");
        assertThat(me.body()).doesNotContain("password", "$2");
        assertThat(outboxEvents(user.id(), "UserProfileUpdated")).anySatisfy(e -> {
            assertThat(e.get("payload").get("displayName").asString()).isEqualTo("Renamed");
            assertThat(e.get("payload").get("theme").asString()).isEqualTo("dark");
        });
    }

    @Test
    void refusesBadProfileValuesNamingTheField() {
        Api api = api();
        Tokens tokens = login(api, register(api));
        for (var bad : Map.of("theme", "neon", "timezone", "Nowhere/City", "language", "fr", "photoUrl",
                "javascript:alert(1)", "displayName", " ").entrySet()) {
            Api.Response response = api.patch("/api/me", Map.of(bad.getKey(), bad.getValue()), tokens.access());
            assertThat(response.status()).as(bad.toString()).isEqualTo(400);
            assertThat(response.field()).isEqualTo(bad.getKey());
        }
        Api.Response unknown = api.patch("/api/me", Map.of("email", "new@example.com"), tokens.access());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.field()).isEqualTo("email");
    }

    @Test
    void patchesSettingsEmittingUserSettingsUpdated() {
        Api api = api();
        var user = register(api);
        Tokens tokens = login(api, user);
        assertThat(api.get("/api/me/settings", tokens.access()).json().get("privateMode").asBoolean()).isFalse();

        Api.Response patched = api.patch("/api/me/settings", Map.of("privateMode", true, "emailWeeklyInsights", false),
                tokens.access());

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("privateMode").asBoolean()).isTrue();
        assertThat(patched.json().get("emailWeeklyInsights").asBoolean()).isFalse();
        assertThat(patched.json().get("autoSave").asBoolean()).isTrue();
        assertThat(outboxEvents(user.id(), "UserSettingsUpdated")).singleElement()
                .satisfies(e -> assertThat(e.get("payload").get("settings").get("privateMode").asBoolean()).isTrue());
        Api.Response wrongType = api.patch("/api/me/settings", Map.of("privateMode", "maybe"), tokens.access());
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.field()).isEqualTo("privateMode");
    }

    @Test
    void replacesConsentRecordingWhereItWasGivenAndEmitsUserConsentUpdated() {
        Api api = api();
        var user = register(api);
        Tokens tokens = login(api, user);
        Api elsewhere = api.anotherDevice();
        Tokens there = login(elsewhere, user);

        Api.Response put = elsewhere.put("/api/me/consent", Map.of("termsVersion", "v2.0", "privacyPolicyVersion",
                "v1.0", "dataProcessingConsent", true, "marketingConsent", true), there.access());

        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        Api.Response consent = api.get("/api/me/consent", tokens.access());
        assertThat(consent.text("termsVersion")).isEqualTo("v2.0");
        assertThat(consent.json().get("marketingConsent").asBoolean()).isTrue();
        assertThat(consent.text("consentIpAddress")).isEqualTo(elsewhere.clientIp());
        assertThat(consent.text("termsAcceptedAt")).isNotEqualTo(consent.text("privacyPolicyAcceptedAt"));
        assertThat(outboxEvents(user.id(), "UserConsentUpdated")).singleElement()
                .satisfies(e -> assertThat(e.get("payload").get("consent").get("marketingConsent").asBoolean()).isTrue());

        Api.Response incomplete = api.put("/api/me/consent", Map.of("termsVersion", "v3"), tokens.access());
        assertThat(incomplete.status()).isEqualTo(400);
    }

    @Test
    void changingThePasswordSignsOutEveryOtherSession() {
        Api api = api();
        var user = register(api);
        Tokens here = login(api, user);
        Api other = api.anotherDevice();
        Tokens there = login(other, user);
        String newPassword = "a brand new passphrase";

        Api.Response changed = api.put("/api/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", newPassword), here.access());

        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertThat(api.get("/api/me", here.access()).status()).isEqualTo(200);
        assertThat(other.get("/api/me", there.access()).status()).isEqualTo(401);
        assertThat(other.post("/api/auth/login", Map.of("email", user.email(), "password", PASSWORD)).status())
                .isEqualTo(401);
        login(other.anotherDevice(), user.email(), newPassword);
        assertThat(outboxEvents(user.id(), "UserLoggedOut")).anySatisfy(e -> {
            assertThat(e.get("payload").get("sessionId").asString()).isEqualTo(there.sessionId());
            assertThat(e.get("payload").get("reason").asString()).isEqualTo("password-changed");
        });
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndAStrongNewOne() {
        Api api = api();
        Tokens tokens = login(api, register(api));

        Api.Response wrong = api.put("/api/me/password",
                Map.of("currentPassword", "not my password at all", "newPassword", "a brand new passphrase"),
                tokens.access());
        Api.Response weak = api.put("/api/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "qwertyuiop123"), tokens.access());

        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.field()).isEqualTo("currentPassword");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.field()).isEqualTo("newPassword");
    }

    @Test
    void resetsAForgottenPasswordByMailAndSignsOutEverywhere() {
        Api api = api();
        var user = register(api);
        Tokens before = login(api, user);

        assertThat(api.post("/api/auth/password-reset", Map.of("email", user.email())).status()).isEqualTo(202);
        String token = mailbox().await(user.email(), "Reset your MindFlow password", Duration.ofSeconds(20)).token();

        Api.Response weak = api.post("/api/auth/password-reset/confirm",
                Map.of("token", token, "newPassword", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.field()).isEqualTo("newPassword");
        Api.Response confirmed = api.post("/api/auth/password-reset/confirm",
                Map.of("token", token, "newPassword", "my recovered passphrase"));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(204);

        assertThat(api.get("/api/me", before.access()).status()).isEqualTo(401);
        login(api.anotherDevice(), user.email(), "my recovered passphrase");
        Api.Response reused = api.post("/api/auth/password-reset/confirm",
                Map.of("token", token, "newPassword", "yet another passphrase"));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.field()).isEqualTo("token");
    }

    @Test
    void aResetRequestForAnUnknownAddressLooksTheSameAndSendsNothing() {
        String nobody = randomEmail();
        assertThat(api().post("/api/auth/password-reset", Map.of("email", nobody)).status()).isEqualTo(202);
        try {
            Thread.sleep(1000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(mailbox().all(nobody)).isEmpty();
    }

    @Test
    void eventsNeverCarryPasswordsHashesOrTokens() {
        Api api = api();
        var user = register(api);
        Tokens tokens = login(api, user);
        api.put("/api/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "a brand new passphrase"),
                tokens.access());
        String hash = jdbc.sql("SELECT password_hash FROM users WHERE id = :id").param("id", user.id())
                .query(String.class).single();

        String all = String.join("\n", jdbc.sql("SELECT payload::text FROM outbox_events WHERE user_id = :id")
                .param("id", user.id()).query(String.class).list());

        assertThat(all).isNotBlank().doesNotContain(PASSWORD, "a brand new passphrase", hash, tokens.access(),
                tokens.refresh());
    }
}
