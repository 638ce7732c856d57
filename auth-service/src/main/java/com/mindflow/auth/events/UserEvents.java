package com.mindflow.auth.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.mindflow.auth.UserId;
import com.mindflow.outbox.OutboxMessage;
import com.mindflow.outbox.OutboxWriter;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where the auth-service's events meet the outbox: each method writes one event row in the caller's
 * transaction (the outbox refuses to run outside one).
 *
 * <p>The payload records below stand in for {@code com.mindflow.events} (shared-events) until that module exists;
 * they are deliberately the same shape, so switching to the shared records and their codec only touches this class.
 * Events never carry a password, a hash or a token.
 */
@Component
public class UserEvents {

    /** One topic for every user-lifecycle event, keyed by user id so one user's events stay in order. */
    public static final String TOPIC = "mindflow.users.v1";
    static final String SOURCE = "auth-service";

    private final OutboxWriter outbox;
    private final JsonMapper json;

    UserEvents(OutboxWriter outbox, JsonMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    public void registered(UserRegistered event) {
        append("UserRegistered", event.userId(), event.registeredAt(), event);
    }

    public void loggedIn(UserLoggedIn event) {
        append("UserLoggedIn", event.userId(), event.loggedInAt(), event);
    }

    public void loggedOut(UserLoggedOut event) {
        append("UserLoggedOut", event.userId(), event.loggedOutAt(), event);
    }

    public void profileUpdated(UserProfileUpdated event) {
        append("UserProfileUpdated", event.userId(), event.updatedAt(), event);
    }

    public void settingsUpdated(UserSettingsUpdated event) {
        append("UserSettingsUpdated", event.userId(), event.updatedAt(), event);
    }

    public void consentUpdated(UserConsentUpdated event) {
        append("UserConsentUpdated", event.userId(), event.updatedAt(), event);
    }

    public void deleted(UserDeleted event) {
        append("UserDeleted", event.userId(), event.deletedAt(), event);
    }

    private void append(String type, UUID userId, Instant occurredAt, Record payload) {
        UUID eventId = UUID.randomUUID();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", eventId);
        envelope.put("eventType", type);
        envelope.put("eventVersion", 1);
        envelope.put("source", SOURCE);
        envelope.put("occurredAt", occurredAt);
        envelope.put("aggregateId", userId);
        envelope.put("userId", userId);
        envelope.put("payload", payload);
        outbox.append(new OutboxMessage(eventId, TOPIC, userId.toString(), type, 1, userId.toString(), userId,
                occurredAt, json.writeValueAsString(envelope), Map.of()));
    }

    public record UserRegistered(UUID userId, String email, String displayName, String timezone, String language,
            String theme, String termsVersion, String privacyPolicyVersion, boolean dataProcessingConsent,
            boolean marketingConsent, Instant registeredAt) {

        public UserRegistered(UserId id, String email, String displayName, String timezone, String language,
                String theme, String termsVersion, String privacyPolicyVersion, boolean dataProcessingConsent,
                boolean marketingConsent, Instant registeredAt) {
            this(id.value(), email, displayName, timezone, language, theme, termsVersion, privacyPolicyVersion,
                    dataProcessingConsent, marketingConsent, registeredAt);
        }
    }

    public record UserLoggedIn(UUID userId, String sessionId, Instant loggedInAt) {
    }

    /** @param reason {@code logout}, {@code signed-out-elsewhere}, {@code password-changed} or {@code refresh-token-reuse} */
    public record UserLoggedOut(UUID userId, String sessionId, String reason, Instant loggedOutAt) {
    }

    public record UserProfileUpdated(UUID userId, String displayName, String photoUrl, String timezone,
            String language, String theme, boolean emailVerified, Instant updatedAt) {
    }

    public record UserSettingsUpdated(UUID userId, boolean autoSave, boolean privateMode,
            boolean emailWeeklyInsights, boolean emailMonthlyInsights, boolean emailReminderToWrite,
            Instant updatedAt) {
    }

    public record UserConsentUpdated(UUID userId, String termsVersion, Instant termsAcceptedAt,
            String privacyPolicyVersion, Instant privacyPolicyAcceptedAt, boolean dataProcessingConsent,
            boolean marketingConsent, Instant updatedAt) {
    }

    public record UserDeleted(UUID userId, Instant deletedAt) {
    }
}
