package com.mindflow.auth.web;

import com.mindflow.support.web.ClientAddress;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is calling, as far as a session or consent record needs to know. The address is the remote address after
 * Tomcat applied {@code X-Forwarded-For} from trusted internal proxies (the gateway), see
 * {@code server.forward-headers-strategy}; only an IP literal is kept ({@link ClientAddress}), as recorded in
 * {@code inet} columns.
 */
public record ClientInfo(String ipAddress, String userAgent) {

    private static final int MAX_USER_AGENT = 500;

    public static ClientInfo of(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        return new ClientInfo(ClientAddress.of(request), agent);
    }
}
