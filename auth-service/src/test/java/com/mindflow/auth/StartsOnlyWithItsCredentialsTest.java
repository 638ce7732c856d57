package com.mindflow.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside the local profile there is no built-in password: without its credentials the service does not start. */
class StartsOnlyWithItsCredentialsTest {

    @Test
    void refusesToStartWithoutItsCredentialsAndNamesThem() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(AuthServiceApplication.class)
                .web(WebApplicationType.NONE).run("--spring.profiles.active=production").close())
                .hasMessageContaining("auth-service cannot start: MINDFLOW_DB_USER, MINDFLOW_DB_PASSWORD are not set");
    }
}
