package com.mindflow.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The live-session check with revocations pushed over pub/sub: one Redis look-up per session while the channel
 * works, revocations immediate, and every request asks Redis whenever the channel can't be relied on.
 */
class PushedSessionRevocationTest {

    static final Duration TRUST = Duration.ofSeconds(60);
    static final Duration STALE = Duration.ofSeconds(3);
    static final Duration MEMORY = Duration.ofMinutes(15);

    final Set<String> live = new HashSet<>();
    final AtomicInteger lookups = new AtomicInteger();
    final AtomicLong nanos = new AtomicLong(1_000);
    final Instant start = Instant.parse("2026-01-01T10:00:00Z");
    Predicate<String> store = key -> {
        lookups.incrementAndGet();
        return live.contains(key);
    };
    final LiveSessionValidator validator = new LiveSessionValidator(key -> store.test(key), TRUST, true, STALE,
            MEMORY, nanos::get, new Clock() {
                @Override
                public Instant instant() {
                    return start.plusNanos(nanos.get());
                }

                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }
            });

    @Test
    void untilSubscribedEveryRequestAsksRedis() {
        live.add("session:s");
        accepted("s");
        accepted("s");
        assertThat(lookups).hasValue(2);
        assertThat(validator.trustsConfirmedSessions()).isFalse();
    }

    @Test
    void whileSubscribedASessionIsLookedUpOnce() {
        validator.subscribed();
        live.add("session:s");
        for (int i = 0; i < 10; i++) {
            accepted("s");
            heartbeat(Duration.ofSeconds(1));
        }
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aRevocationIsImmediateAndCostsNoLookUp() {
        validator.subscribed();
        live.add("session:s");
        accepted("s");

        live.remove("session:s");
        validator.revoked("s");

        refused("s");
        refused("s");
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aRevokedSessionIsNotResurrectedByALateFirstSight() {
        validator.subscribed();
        validator.revoked("s");
        live.add("session:s"); // e.g. a replica that has not seen the DEL yet

        refused("s");
        assertThat(lookups).hasValue(0);
    }

    @Test
    void revokedSessionsAreRememberedForTheMemoryAndAsLongAsTheirTokensLive() {
        validator.subscribed();
        live.add("session:s");
        accepted("s", start.plus(Duration.ofMinutes(40)));
        validator.revoked("s");
        live.add("session:s"); // a stale answer would let it in

        heartbeat(Duration.ofMinutes(20)); // past the memory, not past the token's exp
        refused("s", start.plus(Duration.ofMinutes(40)));
        assertThat(lookups).hasValue(1);

        heartbeat(Duration.ofMinutes(21)); // past the token's exp: forgotten, Redis decides again
        accepted("s", start.plus(Duration.ofMinutes(60)));
        assertThat(lookups).hasValue(2);
    }

    @Test
    void aRevocationArrivingWhileRedisIsAskedWins() {
        validator.subscribed();
        live.add("session:s");
        store = key -> {
            lookups.incrementAndGet();
            boolean answer = live.contains(key); // read before the DEL ...
            validator.revoked("s"); // ... and the message arrives before the answer is stored
            return answer;
        };

        refused("s");
        store = key -> {
            lookups.incrementAndGet();
            return live.contains(key);
        };
        refused("s");
    }

    @Test
    void aPositiveAnswerThatRacedAnotherRevocationIsNotKept() {
        validator.subscribed();
        live.add("session:s");
        store = key -> {
            lookups.incrementAndGet();
            validator.revoked("other");
            return live.contains(key);
        };
        accepted("s");
        store = key -> {
            lookups.incrementAndGet();
            return live.contains(key);
        };
        accepted("s");
        accepted("s");
        assertThat(lookups).hasValue(2); // the raced answer was not kept; the second one was
    }

    @Test
    void aResubscriptionForgetsWhatWasConfirmed() {
        validator.subscribed();
        live.add("session:s");
        accepted("s");

        live.remove("session:s"); // ended while disconnected: its message was lost
        validator.subscribed(); // Lettuce reconnected and resubscribed

        refused("s");
        assertThat(lookups).hasValue(2);
    }

    @Test
    void whenTheChannelFallsSilentEveryRequestAsksRedisAndTheRecordIsForgotten() {
        validator.subscribed();
        live.add("session:s");
        accepted("s");

        nanos.addAndGet(STALE.toNanos()); // no heartbeat for three intervals
        assertThat(validator.trustsConfirmedSessions()).isFalse();
        accepted("s");
        accepted("s");
        assertThat(lookups).hasValue(3);

        live.remove("session:s"); // ended during the silence
        validator.heard();
        assertThat(validator.trustsConfirmedSessions()).isTrue();
        refused("s");
        assertThat(lookups).hasValue(4);
    }

    @Test
    void aLostConnectionStopsTheTrustAtOnceUntilTheChannelIsHeardAgain() {
        validator.subscribed();
        live.add("session:s");
        accepted("s");

        validator.connectionLost(); // Lettuce is reconnecting: no need to wait for three silent heartbeats
        assertThat(validator.trustsConfirmedSessions()).isFalse();
        accepted("s");
        assertThat(lookups).hasValue(2);

        live.remove("session:s"); // ended while the connection was down: its message was lost
        nanos.addAndGet(Duration.ofMillis(100).toNanos());
        validator.heard(); // back: a heartbeat arrived
        assertThat(validator.trustsConfirmedSessions()).isTrue();
        refused("s");
        assertThat(lookups).hasValue(3);
    }

    @Test
    void anUnsubscribedChannelMeansEveryRequestAsksRedis() {
        validator.subscribed();
        live.add("session:s");
        accepted("s");
        validator.unsubscribed();
        accepted("s");
        accepted("s");
        assertThat(lookups).hasValue(3);
    }

    @Test
    void aSessionThatExpiresWithoutAMessageEndsWithinTheTrustPeriod() {
        validator.subscribed();
        live.add("session:s");
        accepted("s");
        live.remove("session:s"); // its TTL ran out: no message

        heartbeat(TRUST.minusSeconds(1));
        accepted("s");
        heartbeat(Duration.ofSeconds(2));
        refused("s");
        assertThat(lookups).hasValue(2);
    }

    @Test
    void aDeadSessionIsNeverRemembered() {
        validator.subscribed();
        refused("s");
        live.add("session:s");
        accepted("s");
        assertThat(lookups).hasValue(2);
    }

    /** Advances time in heartbeats of one second, as a working channel would deliver them. */
    private void heartbeat(Duration total) {
        for (long s = 0; s < total.toSeconds(); s++) {
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());
            validator.heard();
        }
    }

    private void accepted(String sid) {
        accepted(sid, start.plus(Duration.ofMinutes(10)));
    }

    private void accepted(String sid, Instant exp) {
        assertThat(validator.validate(token(sid, exp)).hasErrors()).as("accepted").isFalse();
    }

    private void refused(String sid) {
        refused(sid, start.plus(Duration.ofMinutes(10)));
    }

    private void refused(String sid, Instant exp) {
        assertThat(validator.validate(token(sid, exp)).hasErrors()).as("refused").isTrue();
    }

    private Jwt token(String sid, Instant exp) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("u").claim("sid", sid)
                .issuedAt(start).expiresAt(exp).build();
    }
}
