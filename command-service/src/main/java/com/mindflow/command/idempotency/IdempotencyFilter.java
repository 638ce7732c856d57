package com.mindflow.command.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.mindflow.command.web.BufferedBody;
import com.mindflow.command.web.ProblemWriter;
import com.mindflow.support.problem.FieldProblem;
import com.mindflow.support.security.AuthenticatedUser;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Honours {@code Idempotency-Key} on the API's writes. The first request with a key claims it (an insert, so of two
 * concurrent attempts exactly one runs), runs, and its response (status, Location, ETag, body) is stored; a retry
 * with the same key and the same request gets that response again, a retry with another request 422. A retry that
 * arrives while the first attempt still runs waits for it a little, then gets 409. Responses of 5xx are not kept:
 * the failure was ours, so the retry should run again.
 *
 * <p>Runs after the security chain (default order): the key belongs to the authenticated user.
 */
@Component
@EnableConfigurationProperties(IdempotencySettings.class)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG,
            HttpHeaders.CONTENT_TYPE);

    private final IdempotencyKeys keys;
    private final IdempotencySettings settings;
    private final JsonMapper json = new JsonMapper();

    IdempotencyFilter(IdempotencyKeys keys, IdempotencySettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    /**
     * Multipart uploads are left out: replaying one would mean holding up to 50 MB in memory to fingerprint it. JSON
     * bodies are small (see the body size limit).
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        return request.getHeader(HEADER) == null || !WRITES.contains(request.getMethod())
                || !request.getRequestURI().startsWith("/api/")
                || (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<AuthenticatedUser> caller = caller();
        if (caller.isEmpty()) {
            chain.doFilter(request, response); // the security rules answer it
            return;
        }
        String key = request.getHeader(HEADER).strip();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            ProblemWriter.write(response, HttpStatus.BAD_REQUEST, "invalid-field", "Invalid field(s): " + HEADER,
                    List.of(new FieldProblem(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters")));
            return;
        }
        BufferedBody body = BufferedBody.of(request);
        UUID user = caller.get().userId().value();
        String fingerprint = fingerprint(request, body.bytes());

        Instant giveUpAt = Instant.now().plus(settings.inFlightWait());
        while (!keys.claim(user, key, fingerprint)) {
            Optional<IdempotencyKeys.Stored> stored = keys.find(user, key);
            if (stored.isEmpty()) {
                continue; // released or purged in between: claim again
            }
            IdempotencyKeys.Stored first = stored.get();
            if (first.expired() || first.abandoned()) {
                keys.release(user, key);
                continue;
            }
            if (!first.fingerprint().equals(fingerprint)) {
                ProblemWriter.write(response, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                        "This Idempotency-Key was used for a different request", null);
                return;
            }
            if (first.finished()) {
                replay(first, response);
                return;
            }
            if (Instant.now().isAfter(giveUpAt)) {
                ProblemWriter.write(response, HttpStatus.CONFLICT, "idempotency-key-in-use",
                        "A request with this Idempotency-Key is still being processed; retry later", null);
                return;
            }
            pause();
        }
        runFirst(body, response, chain, user, key);
    }

    private void runFirst(BufferedBody request, HttpServletResponse response, FilterChain chain, UUID user,
            String key) throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(request, captured);
            if (captured.getStatus() < 500) {
                keys.complete(user, key, captured.getStatus(), record(captured));
                stored = true;
            }
        }
        finally {
            if (!stored) {
                keys.release(user, key);
            }
            captured.copyBodyToResponse();
        }
    }

    /** The response as stored in {@code response_body}: the headers a client needs, and the body verbatim. */
    private String record(ContentCachingResponseWrapper response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : REPLAYED_HEADERS) {
            String value = name.equals(HttpHeaders.CONTENT_TYPE) ? response.getContentType() : response.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        byte[] body = response.getContentAsByteArray();
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("headers", headers);
        stored.put("body", body.length == 0 ? null : new String(body, StandardCharsets.UTF_8));
        return json.writeValueAsString(stored);
    }

    @SuppressWarnings("unchecked")
    private void replay(IdempotencyKeys.Stored first, HttpServletResponse response) throws IOException {
        Map<String, Object> stored = first.responseJson() == null ? Map.of()
                : json.readValue(first.responseJson(), Map.class);
        response.setStatus(first.status());
        Map<String, String> headers = (Map<String, String>) stored.getOrDefault("headers", Map.of());
        headers.forEach((name, value) -> {
            if (name.equals(HttpHeaders.CONTENT_TYPE)) {
                response.setContentType(value);
            }
            else {
                response.setHeader(name, value);
            }
        });
        response.setHeader(REPLAYED, "true");
        Object body = stored.get("body");
        if (body != null) {
            response.getOutputStream().write(((String) body).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Optional<AuthenticatedUser> caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    /** Method, path and body: the same key on another entry or with another body is another request. */
    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the first attempt", e);
        }
    }
}
