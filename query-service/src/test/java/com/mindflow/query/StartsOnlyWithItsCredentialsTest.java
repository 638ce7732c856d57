package com.mindflow.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.mindflow.support.testing.WithoutCredentials;

/** Outside the local profile there is no built-in password: without its credentials the service does not start. */
class StartsOnlyWithItsCredentialsTest {

    @Test
    void refusesToStartWithoutItsCredentialsAndNamesThem() {
        assertThat(WithoutCredentials.refusal(QueryServiceApplication.class)).contains("cannot start").contains("MINDFLOW_DB_USER").contains("MINDFLOW_DB_PASSWORD").contains("MINDFLOW_S3_ACCESS_KEY").contains("MINDFLOW_S3_SECRET_KEY");
    }
}
