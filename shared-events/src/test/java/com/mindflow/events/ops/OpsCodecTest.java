package com.mindflow.events.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * The operational records' wire shape, pinned like the events' ({@code src/test/resources/ops/*.json}): what the
 * services write is what projection-service reads. Regenerate with {@code -Dgolden.write=true}, then read the diff.
 */
class OpsCodecTest {

    private static final Path GOLDEN = Path.of("src/test/resources/ops");
    private static final Instant AT = Instant.parse("2025-10-25T20:00:00.125Z");
    private static final UUID USER = UUID.fromString("0b7c6c8e-3c1a-4d0e-9a3c-5f1d2e3a4b5c");

    private final OpsCodec codec = new OpsCodec();
    private final JsonMapper plain = JsonMapper.builder().build();

    static ApiRequestRecord apiRequest() {
        return new ApiRequestRecord("5c1f0e6a-8d2b-4b7e-9f3a-1e2d3c4b5a69", "req-42", AT, "query-service", "GET",
                "/api/journals/6f1e", "/api/journals/{id}", Map.of("limit", "10", "access_token", "***"),
                Map.of("user-agent", "Mozilla/5.0", "content-type", "application/json"), 500, 125, 2048L, USER,
                "192.168.1.1", new ErrorDetails("java.lang.IllegalStateException", "broken", null));
    }

    static ApplicationLogRecord applicationLog() {
        return new ApplicationLogRecord(UUID.fromString("9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4"), AT, "ERROR",
                "query-service", "Unexpected failure",
                new ApplicationLogRecord.Context(USER, "5c1f0e6a-8d2b-4b7e-9f3a-1e2d3c4b5a69", "req-42",
                        "com.mindflow.support.problem.ProblemDetailsAdvice",
                        "com.mindflow.support.problem.ProblemDetailsAdvice.unexpected", 214),
                new ErrorDetails("java.lang.IllegalStateException", "broken",
                        "java.lang.IllegalStateException: broken\n\tat com.mindflow.Example.run(Example.java:1)\n"),
                "query-service-7d8c9f-abc123");
    }

    @Test
    void anApiRequestKeepsItsShapeOnTheWire() throws IOException {
        String written = codec.write(apiRequest());
        assertThat(plain.readTree(written)).isEqualTo(plain.readTree(golden("api-request.json", written)));
        assertThat(codec.readApiRequest(Files.readString(GOLDEN.resolve("api-request.json")))).isEqualTo(apiRequest());
    }

    @Test
    void anApplicationLogKeepsItsShapeOnTheWire() throws IOException {
        String written = codec.write(applicationLog());
        assertThat(plain.readTree(written)).isEqualTo(plain.readTree(golden("application-log.json", written)));
        assertThat(codec.readApplicationLog(Files.readString(GOLDEN.resolve("application-log.json"))))
                .isEqualTo(applicationLog());
    }

    @Test
    void readsFieldsItDoesNotKnowAndKeysALogByItsRequest() {
        ApplicationLogRecord read = codec.readApplicationLog("""
                {"id":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4","timestamp":"2025-10-25T20:00:00Z","level":"ERROR",
                 "service":"auth-service","message":"m","newField":1}""");
        assertThat(read.key()).isEqualTo("9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4");
        assertThat(read.context().userId()).isNull();
        assertThat(applicationLog().key()).isEqualTo("5c1f0e6a-8d2b-4b7e-9f3a-1e2d3c4b5a69");
    }

    private String golden(String name, String written) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.write")) {
            Files.writeString(file, plain.writerWithDefaultPrettyPrinter().writeValueAsString(plain.readTree(written))
                    + "\n");
        }
        return Files.readString(file);
    }
}
