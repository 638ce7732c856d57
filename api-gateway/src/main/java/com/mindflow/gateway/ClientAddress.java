package com.mindflow.gateway;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The caller's IP address for the request log, by the services' rule (Tomcat's {@code RemoteIpValve}, service-support's
 * {@code ClientAddress}) with the gateway's {@code trusted-proxies} as the internal proxies: start at the connection's
 * peer; while that address is a trusted proxy, step to the next {@code X-Forwarded-For} entry from the right; the
 * first untrusted address (or the leftmost, when all are trusted) is the client. Only an IP literal is taken: anything
 * else is left out, not stored.
 */
final class ClientAddress {

    /** IPv4 dotted quad or an IPv6 literal (hex groups, colons, optional embedded IPv4), as service-support's. */
    private static final Pattern IP_LITERAL = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final TrustedProxies trusted;

    /** @param trustedProxies the gateway's {@code trusted-proxies} pattern; blank trusts no proxy */
    ClientAddress(String trustedProxies) {
        this.trusted = trustedProxies == null || trustedProxies.isBlank() ? address -> false
                : TrustedProxies.from(trustedProxies);
    }

    /** The client's address, or {@code null} when it is not an IP literal. */
    String of(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        String address = peer == null ? null
                : peer.getAddress() == null ? peer.getHostString() : peer.getAddress().getHostAddress();
        List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
        for (int i = forwarded.size() - 1; i >= 0 && address != null && trusted.isTrusted(address); i--) {
            address = forwarded.get(i).trim();
        }
        return literal(address);
    }

    static String literal(String address) {
        return address != null && IP_LITERAL.matcher(address).matches() ? address : null;
    }
}
