package com.mindflow.auth.token;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

import com.mindflow.auth.AuthSettings;
import com.mindflow.support.security.SecuritySettings;

@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    KeyRing keyRing(AuthSettings settings, Clock clock) {
        return new KeyRing(settings.keysDir(), settings.keyRotation(), settings.accessTokenTtl(), clock);
    }

    @Bean
    AccessTokens accessTokens(KeyRing keys, SecuritySettings contract, AuthSettings settings, Clock clock) {
        return new AccessTokens(keys, contract.issuer(), contract.audience(), settings.accessTokenTtl(), clock);
    }

    @Bean
    KeyRotation keyRotation(KeyRing keys) {
        return new KeyRotation(keys);
    }

    /** Rotates and retires keys while the service runs, not only at start-up. */
    static class KeyRotation {

        private final KeyRing keys;

        KeyRotation(KeyRing keys) {
            this.keys = keys;
        }

        @Scheduled(fixedDelayString = "${mindflow.auth.key-check-interval:PT5M}",
                initialDelayString = "${mindflow.auth.key-check-interval:PT5M}")
        void check() {
            keys.refresh();
        }
    }
}
