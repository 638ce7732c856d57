package com.mindflow.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.mindflow.auth.support.Api;
import com.mindflow.auth.support.AuthITSupport;

import tools.jackson.databind.JsonNode;

/** Login, refresh rotation with theft detection, logout and the device list. */
class SessionIT extends AuthITSupport {

    @Test
    void loginStartsASevenDaySessionInRedisAndRecordsTheLogin() {
        Api api = api();
        var user = register(api);

        Api.Response response = api.post("/api/auth/login", Map.of("email", user.email(), "password", PASSWORD));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.text("tokenType")).isEqualTo("Bearer");
        assertThat(response.json().get("expiresIn").asLong()).isEqualTo(600);
        String sid = response.text("sessionId");
        Map<Object, Object> session = redis.opsForHash().entries("session:" + sid);
        assertThat(session).containsEntry("userId", user.id().toString()).containsEntry("email", user.email())
                .containsEntry("roles", "user").containsEntry("ipAddress", api.clientIp())
                .containsEntry("userAgent", api.userAgent()).containsKeys("createdAt", "lastAccessedAt", "refreshHash");
        assertThat(session.values()).noneMatch(v -> v.toString().contains(response.text("refreshToken")));
        assertThat(redis.getExpire("session:" + sid)).isBetween(Duration.ofDays(7).minusMinutes(1).toSeconds(),
                Duration.ofDays(7).toSeconds());
        assertThat(redis.opsForSet().isMember("user:" + user.id() + ":sessions", sid)).isTrue();
        assertThat(jdbc.sql("SELECT last_login_at FROM users WHERE id = :id").param("id", user.id())
                .query(java.sql.Timestamp.class).single()).isNotNull();
        assertThat(outboxEvents(user.id(), "UserLoggedIn")).singleElement()
                .satisfies(e -> assertThat(e.get("payload").get("sessionId").asString()).isEqualTo(sid));

        assertThat(api.get("/api/me", response.text("accessToken")).status()).isEqualTo(200);
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() {
        Api api = api();
        var user = register(api);

        Api.Response wrongPassword = api.post("/api/auth/login",
                Map.of("email", user.email(), "password", "wrong password, clearly"));
        Api.Response unknownEmail = api.anotherDevice().post("/api/auth/login",
                Map.of("email", randomEmail(), "password", "wrong password, clearly"));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.text("detail")).isEqualTo(unknownEmail.text("detail"));
        assertThat(wrongPassword.text("code")).isEqualTo(unknownEmail.text("code"));
        assertThat(wrongPassword.contentType()).startsWith("application/problem+json");
    }

    @Test
    void unknownEmailTakesAboutAsLongAsAWrongPassword() {
        Api api = api();
        var user = register(api);
        // Warm up both paths once, then compare medians of a few runs: bcrypt dominates either way.
        long known = medianMillis(() -> api.anotherDevice().post("/api/auth/login",
                Map.of("email", user.email(), "password", "wrong password, clearly")), 1);
        long unknown = medianMillis(() -> api.anotherDevice().post("/api/auth/login",
                Map.of("email", randomEmail(), "password", "wrong password, clearly")), 3);
        known = medianMillis(() -> api.anotherDevice().post("/api/auth/login",
                Map.of("email", user.email(), "password", "wrong password, clearly")), 3);
        // Without the dummy hash an unknown email would answer in a few ms, against a few hundred for bcrypt.
        assertThat(unknown).isGreaterThan(known / 4);
    }

    @Test
    void accessTokensCarryTheUsersTimeZoneAndRefreshPicksUpAChange() {
        Api api = api();
        var user = register(api);
        Tokens tokens = login(api, user);
        assertThat(zoneinfo(tokens.access())).isEqualTo("Europe/Lisbon");

        assertThat(api.patch("/api/me", Map.of("timezone", "Asia/Tokyo"), tokens.access()).status()).isEqualTo(200);
        Api.Response refreshed = api.post("/api/auth/refresh", Map.of("refreshToken", tokens.refresh()));
        assertThat(zoneinfo(refreshed.text("accessToken"))).isEqualTo("Asia/Tokyo");
    }

    private static String zoneinfo(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        return JSON.readTree(payload).path("zoneinfo").asString();
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        Api api = api();
        var user = register(api);
        Tokens first = login(api, user);

        Api.Response refreshed = api.post("/api/auth/refresh", Map.of("refreshToken", first.refresh()));

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.text("refreshToken")).isNotEqualTo(first.refresh());
        assertThat(refreshed.text("sessionId")).isEqualTo(first.sessionId());
        assertThat(api.get("/api/me", refreshed.text("accessToken")).status()).isEqualTo(200);
        Api.Response second = api.post("/api/auth/refresh", Map.of("refreshToken", refreshed.text("refreshToken")));
        assertThat(second.status()).isEqualTo(200);
    }

    @Test
    void reusingAnAlreadyUsedRefreshTokenRevokesTheSession() {
        Api api = api();
        var user = register(api);
        Tokens stolen = login(api, user);
        Api.Response legit = api.post("/api/auth/refresh", Map.of("refreshToken", stolen.refresh()));
        assertThat(legit.status()).isEqualTo(200);

        Api.Response replay = api.anotherDevice().post("/api/auth/refresh", Map.of("refreshToken", stolen.refresh()));

        assertThat(replay.status()).isEqualTo(401);
        assertThat(redis.hasKey("session:" + stolen.sessionId())).isFalse();
        assertThat(api.get("/api/me", legit.text("accessToken")).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", legit.text("refreshToken"))).status())
                .isEqualTo(401);
        assertThat(outboxEvents(user.id(), "UserLoggedOut")).anySatisfy(
                e -> assertThat(e.get("payload").get("reason").asString()).isEqualTo("refresh-token-reuse"));
    }

    @Test
    void refusesAForgedRefreshToken() {
        Api api = api();
        var user = register(api);
        Tokens tokens = login(api, user);

        Api.Response forged = api.post("/api/auth/refresh",
                Map.of("refreshToken", tokens.sessionId() + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        Api.Response garbage = api.post("/api/auth/refresh", Map.of("refreshToken", "garbage"));

        assertThat(forged.status()).isEqualTo(401);
        assertThat(garbage.status()).isEqualTo(401);
        // A guess is not proof of theft: the real session lives on.
        assertThat(api.get("/api/me", tokens.access()).status()).isEqualTo(200);
    }

    @Test
    void logoutEndsTheSessionAtOnce() {
        Api api = api();
        var user = register(api);
        Tokens tokens = login(api, user);

        assertThat(api.post("/api/auth/logout", null, tokens.access()).status()).isEqualTo(204);

        assertThat(redis.hasKey("session:" + tokens.sessionId())).isFalse();
        assertThat(api.get("/api/me", tokens.access()).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", tokens.refresh())).status()).isEqualTo(401);
        assertThat(outboxEvents(user.id(), "UserLoggedOut")).anySatisfy(
                e -> assertThat(e.get("payload").get("reason").asString()).isEqualTo("logout"));
    }

    @Test
    void logoutWithoutATokenIsRefused() {
        assertThat(api().post("/api/auth/logout", null, null).status()).isEqualTo(401);
    }

    @Test
    void listsTheUsersDevicesAndSignsOneOut() {
        Api phone = api();
        Api laptop = phone.anotherDevice();
        var user = register(phone);
        Tokens onPhone = login(phone, user);
        Tokens onLaptop = login(laptop, user);

        Api.Response list = phone.get("/api/me/sessions", onPhone.access());
        assertThat(list.status()).isEqualTo(200);
        JsonNode sessions = list.json();
        assertThat(sessions.size()).isEqualTo(2);
        assertThat(sessions.valueStream().filter(s -> s.get("current").asBoolean()).map(s -> s.get("id").asString()))
                .containsExactly(onPhone.sessionId());
        assertThat(sessions.valueStream().map(s -> s.get("userAgent").asString()))
                .containsExactlyInAnyOrder(phone.userAgent(), laptop.userAgent());
        assertThat(list.body()).doesNotContain("refresh");

        assertThat(phone.delete("/api/me/sessions/" + onLaptop.sessionId(), null, onPhone.access()).status())
                .isEqualTo(204);

        assertThat(laptop.get("/api/me", onLaptop.access()).status()).isEqualTo(401);
        assertThat(phone.get("/api/me", onPhone.access()).status()).isEqualTo(200);
        assertThat(phone.get("/api/me/sessions", onPhone.access()).json().size()).isEqualTo(1);
    }

    @Test
    void cannotSeeOrEndAnotherUsersSession() {
        Api api = api();
        Tokens mine = login(api, register(api));
        Api other = api.anotherDevice();
        Tokens theirs = login(other, register(other));

        assertThat(api.delete("/api/me/sessions/" + theirs.sessionId(), null, mine.access()).status())
                .isEqualTo(404);
        assertThat(other.get("/api/me", theirs.access()).status()).isEqualTo(200);
        assertThat(api.get("/api/me/sessions", mine.access()).body()).doesNotContain(theirs.sessionId());
    }

    private static long medianMillis(Runnable call, int runs) {
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            call.run();
            times[i] = (System.nanoTime() - start) / 1_000_000;
        }
        java.util.Arrays.sort(times);
        return times[runs / 2];
    }
}
