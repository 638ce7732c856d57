package com.mindflow.command.export;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.stereotype.Component;

import com.mindflow.support.correlation.Correlation;
import com.mindflow.support.problem.StoreUnavailableException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The account part of an export, fetched with the caller's own token while the request is there: the profile and
 * settings from auth-service, the consent history from query-service. The worker runs later without any token, and
 * keeping the token (a credential) until then would be worse than keeping this copy, which lives only as long as the
 * export row (retention, or the account's erasure). It is also what the user asked for: their data as of the request.
 */
@Component
class AccountSnapshots {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AccountServicesSettings services;
    private final JsonMapper json;

    AccountSnapshots(AccountServicesSettings services, JsonMapper json) {
        this.services = services;
        this.json = json;
    }

    /** The account as the archive's {@code profile}, {@code settings} and {@code consentHistory}. */
    AccountSnapshot take(String authorization) {
        JsonNode me = get(services.authUrl(), "/api/me", authorization);
        JsonNode settings = get(services.authUrl(), "/api/me/settings", authorization);
        JsonNode history = get(services.queryUrl(), "/api/me/consent/history", authorization);
        ObjectNode profile = json.createObjectNode();
        profile.put("userId", me.path("id").asString());
        for (String field : new String[] { "email", "displayName", "timezone", "language", "theme", "photoUrl" }) {
            profile.set(field, me.path(field).isMissingNode() ? json.nullNode() : me.get(field));
        }
        profile.put("emailVerified", me.path("emailVerified").asBoolean());
        profile.set("createdAt", me.path("createdAt").isMissingNode() ? json.nullNode() : me.get("createdAt"));
        ObjectNode account = json.createObjectNode();
        account.set("profile", profile);
        account.set("settings", settings);
        account.set("consentHistory", history.path("items").isArray() ? history.get("items")
                : json.createArrayNode());
        return new AccountSnapshot(me.path("email").asString(), json.writeValueAsString(account));
    }

    /** @param json {@code {"profile": …, "settings": …, "consentHistory": […]}} */
    record AccountSnapshot(String email, String json) {
    }

    private JsonNode get(URI base, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", authorization).header("Accept", "application/json");
        String requestId = Correlation.current();
        if (requestId != null) {
            request.header(Correlation.HTTP_HEADER, requestId);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new StoreUnavailableException("The account data for the export is unavailable (" + path + ")", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Interrupted while fetching the account data for the export", e);
        }
        if (response.statusCode() != 200) {
            // The token was good enough for us, so any refusal there is that service's trouble, not the caller's.
            throw new StoreUnavailableException("The account data for the export is unavailable (" + path + " "
                    + response.statusCode() + ")");
        }
        return json.readTree(response.body());
    }
}
