package com.mindflow.gateway;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the services who the client is, by one rule in every deployment: the connection's peer, unless the peer is a
 * configured trusted proxy (the ingress), in which case the address that proxy forwarded ({@link ClientAddress}).
 * The services get exactly that one address in {@code X-Forwarded-For}, never the chain a client sent, so a client
 * cannot pick the address auth-service's per-address limits count against.
 *
 * <p>Spring Cloud Gateway's own {@code X-Forwarded-For} handling is not enough for an edge: for a peer that is not a
 * trusted proxy (every client, when nothing fronts the gateway) it drops the header and adds none, and the services
 * would then see every client as the gateway.
 */
class ForwardedClient implements HttpHeadersFilter, Ordered {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final ClientAddress clientAddress;

    ForwardedClient(ClientAddress clientAddress) {
        this.clientAddress = clientAddress;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        headers.remove(X_FORWARDED_FOR);
        String client = clientAddress.of(exchange.getRequest());
        if (client != null) {
            headers.set(X_FORWARDED_FOR, client);
        }
        return headers;
    }

    /** After the gateway's own forwarded-headers filters, so this one decides. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
