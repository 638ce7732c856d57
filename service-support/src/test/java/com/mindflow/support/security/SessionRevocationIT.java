package com.mindflow.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.RedisClientInfo;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.mindflow.support.TestApplication;
import com.mindflow.support.testing.TestIssuer;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

/**
 * Against the real Redis: while the revocation channel is subscribed, a session costs one {@code EXISTS} however many
 * requests it makes, and a revocation published as auth-service publishes it (DEL, then PUBLISH of the sid) refuses
 * the next request without asking Redis.
 */
@SpringBootTest(classes = { TestApplication.class, SessionRevocationIT.CountingStore.class }, properties = {
        "management.health.kafka.enabled=false", "mindflow.request-log.enabled=false" })
@AutoConfigureMockMvc
class SessionRevocationIT {

    static final TestIssuer issuer = TestIssuer.start();
    static final AtomicInteger lookups = new AtomicInteger();

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

    /** The service's session check, counting its round trips to Redis. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CountingStore {

        @Bean
        LiveSessionValidator liveSessionValidator(StringRedisTemplate redis, SecuritySettings settings) {
            return LiveSessionValidator.pushed(key -> {
                lookups.incrementAndGet();
                return Boolean.TRUE.equals(redis.hasKey(key));
            }, settings);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    LiveSessionValidator sessions;

    @Autowired
    SecuritySettings settings;

    @Autowired
    SecurityObservationSettings observationSettings;

    @Autowired
    Environment environment;

    @BeforeEach
    void subscribed() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!sessions.trustsConfirmedSessions()) {
            assertThat(Instant.now()).as("subscribed to session revocations").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void aSessionIsLookedUpOnceAndItsRevocationRefusesTheNextRequestWithoutAskingRedis() throws Exception {
        UUID user = UUID.randomUUID();
        String sid = liveSession(user);
        String token = issuer.token(user, sid);
        int before = lookups.get();
        for (int i = 0; i < 20; i++) {
            call(token).andExpect(status().isOk()).andExpect(jsonPath("$.sessionId").value(sid));
        }
        assertThat(lookups.get() - before).isEqualTo(1);

        // What auth-service's logout does, in one script: DEL session:{sid}, then PUBLISH the sid.
        redis.delete("session:" + sid);
        redis.convertAndSend(settings.sessionRevocationChannel(), sid);
        awaitRefused(token);
        call(token).andExpect(status().isUnauthorized());
        assertThat(lookups.get() - before).isEqualTo(1);
    }

    @Test
    void anotherTokenOfARevokedSessionIsRefusedWithoutAskingRedisToo() throws Exception {
        UUID user = UUID.randomUUID();
        String sid = liveSession(user);
        call(issuer.token(user, sid)).andExpect(status().isOk());
        int before = lookups.get();

        redis.delete("session:" + sid);
        redis.convertAndSend(settings.sessionRevocationChannel(), sid);
        String fresh = issuer.token(user, sid); // minted before the logout, first seen after it
        awaitRefused(fresh);
        assertThat(lookups.get() - before).isZero();
    }

    @Test
    void aReconnectForgetsWhatWasConfirmedBecauseMessagesMayHaveBeenLost() throws Exception {
        // A subscription of its own, on a connection of its own, so only that connection is cut below.
        String name = "mindflow-revocation-it-" + UUID.randomUUID();
        Servers servers = LocalStack.servers();
        LettuceConnectionFactory own = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(servers.redisHost(), servers.redisPort()),
                LettuceClientConfiguration.builder().clientName(name).build());
        own.afterPropertiesSet();
        own.start();
        AtomicInteger subscriptions = new AtomicInteger();
        AtomicInteger ownLookups = new AtomicInteger();
        LiveSessionValidator validator = new LiveSessionValidator(key -> {
            ownLookups.incrementAndGet();
            return Boolean.TRUE.equals(redis.hasKey(key));
        }, settings.sessionCheckTtl(), true, settings.sessionRevocationHeartbeat().multipliedBy(3),
                settings.revokedSessionMemory(), System::nanoTime, java.time.Clock.systemUTC()) {
            @Override
            public void subscribed() {
                subscriptions.incrementAndGet();
                super.subscribed();
            }
        };
        SessionRevocationFeed feed = new SessionRevocationFeed(validator, own, redis,
                settings.sessionRevocationChannel(), settings.sessionRevocationHeartbeat());
        feed.start();
        try {
            await(() -> subscriptions.get() == 1 && validator.trustsConfirmedSessions(), "the first subscription");
            UUID user = UUID.randomUUID();
            Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").subject(user.toString())
                    .claim("sid", liveSession(user)).expiresAt(Instant.now().plusSeconds(600)).build();
            assertThat(validator.validate(token).hasErrors()).isFalse();
            assertThat(validator.validate(token).hasErrors()).isFalse();
            assertThat(ownLookups).hasValue(1);

            RedisClientInfo client = redis.execute((RedisCallback<List<RedisClientInfo>>) c -> c.serverCommands()
                    .getClientList()).stream().filter(c -> name.equals(c.getName()) && c.get("sub") != null
                            && !"0".equals(c.get("sub"))).findFirst().orElseThrow();
            String[] address = client.getAddressPort().split(":");
            redis.execute((RedisCallback<Void>) c -> {
                c.serverCommands().killClient(address[0], Integer.parseInt(address[1]));
                return null;
            });

            await(() -> subscriptions.get() == 2, "the resubscription after the reconnect");
            assertThat(validator.validate(token).hasErrors()).isFalse();
            assertThat(ownLookups).hasValue(2);
        }
        finally {
            feed.stop();
            own.destroy();
        }
    }

    @Test
    void springSecurityIsNotObserved() {
        assertThat(observationSettings.shouldObserveRequests()).isFalse();
        assertThat(observationSettings.shouldObserveAuthentications()).isFalse();
        assertThat(observationSettings.shouldObserveAuthorizations()).isFalse();
        assertThat(environment.getProperty("management.observations.enable.spring.security")).isEqualTo("false");
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    /**
     * The message travels on its own connection, so the test allows it the moment it takes; in the real flow
     * auth-service still writes its outbox row after publishing, before it answers the logout.
     */
    private void awaitRefused(String token) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(1));
        while (mvc.perform(get("/secure/me").header("Authorization", "Bearer " + token)).andReturn().getResponse()
                .getStatus() == 200) {
            assertThat(Instant.now()).as("revocation arrived").isBefore(deadline);
            Thread.sleep(5);
        }
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
}
