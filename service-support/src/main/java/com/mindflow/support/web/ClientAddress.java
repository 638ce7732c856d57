package com.mindflow.support.web;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The caller's IP address as the service sees it: the remote address after Tomcat applied {@code X-Forwarded-For}
 * from trusted internal proxies (the gateway; {@code server.forward-headers-strategy=native}, a MindFlow default).
 * Only an IP literal is taken: a forwarded value that is not one (a misbehaving proxy) is left out, not stored.
 */
public final class ClientAddress {

    /** IPv4 dotted quad or an IPv6 literal (hex groups, colons, optional embedded IPv4). */
    private static final Pattern IP_LITERAL = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private ClientAddress() {
    }

    /** The caller's address, or {@code null} when it is not an IP literal. */
    public static String of(HttpServletRequest request) {
        return literal(request.getRemoteAddr());
    }

    /** {@code address} when it is an IP literal, else {@code null}. */
    public static String literal(String address) {
        return address != null && IP_LITERAL.matcher(address).matches() ? address : null;
    }
}
