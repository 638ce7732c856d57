package com.mindflow.command.export;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services that own the account data answer (env {@code MINDFLOW_AUTH_URL}, {@code MINDFLOW_QUERY_URL},
 * as for the gateway): auth-service for the profile and settings, query-service for the consent history (it is
 * built from the audit trail there).
 */
@ConfigurationProperties("mindflow")
public record AccountServicesSettings(@DefaultValue("http://127.0.0.1:8081") URI authUrl,
        @DefaultValue("http://127.0.0.1:8083") URI queryUrl) {
}
