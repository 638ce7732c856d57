package com.mindflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.mindflow.auth.support.Api;
import com.mindflow.auth.support.AuthITSupport;

class ReadinessIT extends AuthITSupport {

    @Test
    void isReadyOnlyWithDatabaseRedisAndKafka() {
        Api.Response readiness = api().get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.text("status")).isEqualTo("UP");
        assertThat(readiness.json().get("components").propertyNames()).contains("db", "redis", "kafka");
    }
}
