package com.mindflow.support.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.mindflow.support.TestApplication;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;
import com.mindflow.support.testing.TestIssuer;

/**
 * The token rules against real tokens (minted here with nimbus), a real JWKS over HTTP and the real Redis: only a
 * correctly signed RS256/ES256 token with the right claims for a live session gets in.
 */
// A confirmed session is trusted for a second here, so a key deleted without a revocation message (as when its TTL
// runs out) is noticed within the second logoutTakesEffectWithinASecond waits.
@SpringBootTest(classes = TestApplication.class, properties = {
        "mindflow.security.public-paths=/open/**", "mindflow.security.session-check-ttl=1s",
        "management.health.kafka.enabled=false", "mindflow.request-log.enabled=false" })
@AutoConfigureMockMvc
class TokenValidationIT {

    static final TestIssuer issuer = TestIssuer.start();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        Servers servers = LocalStack.servers();
        registry.add("spring.data.redis.host", servers::redisHost);
        registry.add("spring.data.redis.port", servers::redisPort);
        registry.add("mindflow.security.jwks-uri", () -> issuer.jwksUri().toString());
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void acceptsAValidRs256TokenOfALiveSessionAndExposesTheUser() throws Exception {
        UUID user = UUID.randomUUID();
        String sid = liveSession(user);
        call(issuer.token(user, sid))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(user.toString()))
                .andExpect(jsonPath("$.sessionId").value(sid));
    }

    @Test
    void exposesTheZoneinfoClaimAsTheUsersZoneAndDefaultsToUtc() throws Exception {
        UUID user = UUID.randomUUID();
        String sid = liveSession(user);
        call(issuer.rs256(issuer.claims(user, sid).claim("zoneinfo", "America/Sao_Paulo").build()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.zone").value("America/Sao_Paulo"));
        call(issuer.token(user, sid)).andExpect(jsonPath("$.zone").value("Z"));
        call(issuer.rs256(issuer.claims(user, sid).claim("zoneinfo", "Mars/Olympus_Mons").build()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.zone").value("Z"));
    }

    @Test
    void acceptsEs256() throws Exception {
        UUID user = UUID.randomUUID();
        call(issuer.es256(issuer.claims(user, liveSession(user)).build())).andExpect(status().isOk());
    }

    @Test
    void refusesAlgNone() throws Exception {
        UUID user = UUID.randomUUID();
        refused(issuer.unsigned(issuer.claims(user, liveSession(user)).build()));
    }

    @Test
    void refusesASignatureByAnotherKey() throws Exception {
        UUID user = UUID.randomUUID();
        refused(issuer.rs256WithForeignKey(issuer.claims(user, liveSession(user)).build()));
    }

    @Test
    void refusesHmacSignedWithThePublicKey() throws Exception {
        UUID user = UUID.randomUUID();
        refused(issuer.hs256WithPublicKey(issuer.claims(user, liveSession(user)).build()));
    }

    @Test
    void refusesAnExpiredToken() throws Exception {
        UUID user = UUID.randomUUID();
        Instant past = Instant.now().minus(Duration.ofHours(1));
        refused(issuer.rs256(issuer.claims(user, liveSession(user))
                .issueTime(Date.from(past.minusSeconds(900))).notBeforeTime(Date.from(past.minusSeconds(900)))
                .expirationTime(Date.from(past)).build()));
    }

    @Test
    void refusesATokenWithoutExpiry() throws Exception {
        UUID user = UUID.randomUUID();
        refused(issuer.rs256(issuer.claims(user, liveSession(user)).expirationTime(null).build()));
    }

    @Test
    void refusesATokenNotYetValid() throws Exception {
        UUID user = UUID.randomUUID();
        refused(issuer.rs256(issuer.claims(user, liveSession(user))
                .notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10)))).build()));
    }

    @Test
    void refusesTheWrongAudienceOrIssuer() throws Exception {
        UUID user = UUID.randomUUID();
        String sid = liveSession(user);
        refused(issuer.rs256(issuer.claims(user, sid).audience("someone-else").build()));
        refused(issuer.rs256(issuer.claims(user, sid).issuer("https://evil.example").build()));
    }

    @Test
    void refusesASubjectThatIsNotAUserId() throws Exception {
        UUID user = UUID.randomUUID();
        refused(issuer.rs256(issuer.claims(user, liveSession(user)).subject("admin").build()));
    }

    @Test
    void refusesATokenOfADeadSession() throws Exception {
        refused(issuer.token(UUID.randomUUID(), UUID.randomUUID().toString()));
    }

    @Test
    void logoutTakesEffectWithinASecond() throws Exception {
        UUID user = UUID.randomUUID();
        String sid = liveSession(user);
        String token = issuer.token(user, sid);
        call(token).andExpect(status().isOk());

        redis.delete("session:" + sid);
        Thread.sleep(1_100);
        refused(token);
    }

    @Test
    void refusesGarbage() throws Exception {
        refused("not.a.jwt");
    }

    private String liveSession(UUID user) {
        String sid = UUID.randomUUID().toString();
        redis.opsForHash().putAll("session:" + sid, Map.of("userId", user.toString(), "roles", "user"));
        redis.expire("session:" + sid, Duration.ofMinutes(5));
        return sid;
    }

    private ResultActions call(String token) throws Exception {
        return mvc.perform(get("/secure/me").header("Authorization", "Bearer " + token));
    }

    private void refused(String token) throws Exception {
        call(token).andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("invalid-token"));
    }

}
