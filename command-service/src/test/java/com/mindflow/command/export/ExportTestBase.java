package com.mindflow.command.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mindflow.command.ApiTestBase;

import tools.jackson.databind.JsonNode;

/** The API ITs' application, with the account services stubbed (see {@link AccountServicesStub}). */
abstract class ExportTestBase extends ApiTestBase {

    private static final HttpClient DOWNLOADS = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void accountServices(DynamicPropertyRegistry registry) {
        registry.add("mindflow.auth-url", () -> AccountServicesStub.get().uri().toString());
        registry.add("mindflow.query-url", () -> AccountServicesStub.get().uri().toString());
        registry.add("mindflow.export.poll-every", () -> "200ms");
        // The tests call the sweep themselves, with the clock moved.
        registry.add("mindflow.export.sweep-every", () -> "1h");
    }

    /** Polls the export's status page until it is completed or failed (the worker polls every 200 ms). */
    JsonNode awaitFinished(Caller caller, String location) throws InterruptedException {
        for (int i = 0; i < 3_000; i++) {
            JsonNode status = call("GET", location, caller.token(), null, Map.of()).json();
            String state = status.path("status").asString();
            if (state.equals("completed") || state.equals("failed")) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Export " + location + " did not finish");
    }

    /** Downloads a presigned URL as an anonymous client would. */
    static byte[] download(String url) {
        try {
            HttpResponse<byte[]> response = DOWNLOADS.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, byte[]> unzip(byte[] archive) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), zip.readAllBytes());
            }
        }
        return files;
    }
}
