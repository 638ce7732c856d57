package com.mindflow.support.defaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every service starts with the MindFlow defaults, and its own settings still win. */
@ExtendWith(OutputCaptureExtension.class)
class MindflowDefaultsTest {

    @SpringBootConfiguration
    static class Empty {
    }

    @Test
    void appliesTheDefaultsWithLowestPrecedence() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
                .web(WebApplicationType.NONE)
                .run("--spring.application.name=defaults-test", "--server.shutdown=immediate")) {
            Environment env = context.getEnvironment();
            assertThat(env.getProperty("spring.threads.virtual.enabled")).isEqualTo("true");
            assertThat(env.getProperty("spring.jpa.open-in-view")).isEqualTo("false");
            assertThat(env.getProperty("spring.jpa.hibernate.ddl-auto")).isEqualTo("none");
            assertThat(env.getProperty("spring.flyway.enabled")).isEqualTo("false");
            assertThat(env.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
            assertThat(env.getProperty("management.endpoints.web.exposure.include"))
                    .isEqualTo("health,info,prometheus,metrics");
            assertThat(env.getProperty("spring.kafka.producer.acks")).isEqualTo("all");
            assertThat(env.getProperty("server.shutdown")).isEqualTo("immediate");
        }
    }

    @Test
    void outsideTheLocalProfileAMissingCredentialStopsTheStartAndIsNamed() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE)
                .run("--spring.application.name=vault-test", "--spring.profiles.active=production",
                        "--mindflow.credentials.required=MINDFLOW_TEST_DB_PASSWORD, MINDFLOW_TEST_S3_KEY",
                        "--MINDFLOW_TEST_S3_KEY=given").close())
                .hasMessageContaining("vault-test cannot start: MINDFLOW_TEST_DB_PASSWORD is not set")
                .hasMessageNotContaining("MINDFLOW_TEST_S3_KEY");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
                .web(WebApplicationType.NONE)
                .run("--spring.profiles.active=production", "--mindflow.credentials.required=MINDFLOW_TEST_S3_KEY",
                        "--MINDFLOW_TEST_S3_KEY=given")) {
            // No well-known credential creeps in outside the local profile.
            assertThat(context.getEnvironment().getProperty("MINDFLOW_DB_PASSWORD")).isNull();
        }
    }

    @Test
    void theLocalProfileHasTheLocalServersCredentials() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
                .web(WebApplicationType.NONE)
                .run("--spring.profiles.active=local", "--mindflow.credentials.required=MINDFLOW_DB_PASSWORD",
                        "--MINDFLOW_DB_USER=chosen")) {
            assertThat(context.getEnvironment().getProperty("MINDFLOW_DB_PASSWORD")).isEqualTo("mindflow");
            assertThat(context.getEnvironment().getProperty("MINDFLOW_DB_USER")).isEqualTo("chosen");
        }
    }

    @Test
    void logsOneJsonObjectPerLineWithTheMdcFields(CapturedOutput output) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
                .web(WebApplicationType.NONE)
                .properties("spring.application.name=json-log-test")
                .run()) {
            MDC.put("requestId", "req-json-1");
            MDC.put("userId", "3f1c2a34-0000-4000-8000-000000000001");
            try {
                LoggerFactory.getLogger("mindflow.test").info("hello structured world");
            }
            finally {
                MDC.clear();
            }
        }
        List<String> lines = output.getOut().lines().filter(l -> l.contains("hello structured world")).toList();
        assertThat(lines).hasSize(1);
        JsonNode line = JsonMapper.builder().build().readTree(lines.getFirst());
        assertThat(line.path("message").asString()).isEqualTo("hello structured world");
        assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(line.has("@timestamp")).isTrue();
        assertThat(line.path("service").path("name").asString()).isEqualTo("json-log-test");
        assertThat(line.path("requestId").asString()).isEqualTo("req-json-1");
        assertThat(line.path("userId").asString()).isEqualTo("3f1c2a34-0000-4000-8000-000000000001");
    }
}
