package com.mindflow.query.consistency;

import java.io.IOException;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

import com.mindflow.query.web.InvalidParameter;
import com.mindflow.support.security.AuthenticatedUser;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Before a read that carries {@code X-Consistency-Entry: <entryId>} and {@code X-Consistency-Version: <version>}
 * (the ETag of the write's response), waits until the store behind the route has that version of the caller's entry:
 * Elasticsearch for {@code /api/search}, the read database for everything else. A change notice wakes the wait at
 * once; the store is re-checked every poll interval anyway. The answer says {@code X-Consistency: reached}, or
 * {@code X-Consistency: stale} when {@code maxWait} passed first (the read is served regardless: a slow projection
 * must not turn into failed reads).
 */
class ReadYourWrites implements HandlerInterceptor {

    static final String ENTRY_HEADER = "X-Consistency-Entry";
    static final String VERSION_HEADER = "X-Consistency-Version";
    static final String OUTCOME_HEADER = "X-Consistency";

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);

    private final StoreVersions versions;
    private final VersionWaits waits;
    private final ConsistencySettings settings;
    private final JsonMapper json;

    ReadYourWrites(StoreVersions versions, VersionWaits waits, ConsistencySettings settings, JsonMapper json) {
        this.versions = versions;
        this.waits = waits;
        this.settings = settings;
        this.json = json;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        String entryHeader = request.getHeader(ENTRY_HEADER);
        String versionHeader = request.getHeader(VERSION_HEADER);
        if (entryHeader == null && versionHeader == null) {
            return true;
        }
        UUID entryId;
        long version;
        try {
            if (entryHeader == null) {
                return invalid(response, ENTRY_HEADER, "header is required with " + VERSION_HEADER);
            }
            entryId = UUID.fromString(entryHeader.strip());
        }
        catch (IllegalArgumentException e) {
            return invalid(response, ENTRY_HEADER, "must be a journal entry id");
        }
        try {
            if (versionHeader == null) {
                return invalid(response, VERSION_HEADER, "header is required with " + ENTRY_HEADER);
            }
            // Accept the ETag exactly as the write answered it, quotes included.
            version = Long.parseLong(versionHeader.strip().replace("\"", ""));
        }
        catch (NumberFormatException e) {
            return invalid(response, VERSION_HEADER, "must be a version number");
        }
        if (version < 1) {
            return invalid(response, VERSION_HEADER, "must be at least 1");
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof AuthenticatedUser user)) {
            return true; // the handler answers 401
        }
        boolean search = request.getRequestURI().startsWith("/api/search");
        boolean reached = await(user.userId().value(), entryId, version, search);
        response.setHeader(OUTCOME_HEADER, reached ? "reached" : "stale");
        return true;
    }

    private boolean await(UUID userId, UUID entryId, long version, boolean search) {
        long deadline = System.nanoTime() + settings.maxWait().toNanos();
        VersionWaits.Waiter waiter = waits.register(entryId, version);
        try {
            while (true) {
                long seen = search ? versions.search(userId, entryId) : versions.readModel(userId, entryId);
                if (seen >= version || (waiter.deleted() && seen < 0)) {
                    return true;
                }
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    return false;
                }
                waiter.await(Math.min(remainingMillis, settings.pollInterval().toMillis()));
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        catch (RuntimeException e) {
            log.warn("Could not check the projection's version; serving what the store has", e);
            return false;
        }
        finally {
            waits.unregister(entryId, waiter);
        }
    }

    private boolean invalid(HttpServletResponse response, String header, String message) throws IOException {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(json.writeValueAsString(InvalidParameter.problem(header, message)));
        return false;
    }
}
