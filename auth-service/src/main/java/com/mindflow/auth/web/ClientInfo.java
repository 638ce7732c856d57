package com.mindflow.auth.web;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is calling, as far as a session or consent record needs to know. The address is the remote address after
 * Tomcat applied {@code X-Forwarded-For} from trusted internal proxies (the gateway), see
 * {@code server.forward-headers-strategy}.
 */
public record ClientInfo(String ipAddress, String userAgent) {

    private static final int MAX_USER_AGENT = 500;

    /** IPv4 dotted quad or an IPv6 literal (hex groups, colons, optional embedded IPv4). */
    private static final Pattern IP_LITERAL = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public static ClientInfo of(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        return new ClientInfo(address(request.getRemoteAddr()), agent);
    }

    /**
     * The address as recorded in {@code inet} columns: a forwarded value that is not an IP literal (a misbehaving
     * proxy) is kept out rather than failing the request.
     */
    private static String address(String remote) {
        if (remote == null || !IP_LITERAL.matcher(remote).matches()) {
            return null;
        }
        return remote;
    }
}
