package com.mindflow.gateway;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.mindflow.events.ops.RequestLogHeaders;

import reactor.core.publisher.Mono;

/**
 * Every request leaves the gateway with an {@code X-Request-Id}: the client's when it is a short plain token,
 * otherwise a new one. It is forwarded downstream and echoed to the client, so one id follows the request through
 * the services and on into Kafka (service-support's correlation id). Same rule as service-support's filter.
 *
 * <p>Each request also gets the id of its request log record (a new UUID, never the client's: a client may repeat its
 * {@code X-Request-Id}), passed to the service as {@link RequestLogHeaders#API_REQUEST_ID} so its ERROR records name
 * the gateway's record. The internal headers ({@link RequestLogHeaders}) are the gateway's alone: whatever a client
 * sends as one of them is removed before the request goes on, and what the service answers in them (the user whose
 * token it accepted, the route it matched) is taken off the answer into exchange attributes for {@link RequestLogFilter}
 * before the client gets it.
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

    static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    /** Exchange attribute: the id of the request's request log record. */
    static final String API_REQUEST_ID_ATTRIBUTE = RequestIdFilter.class.getName() + ".apiRequestId";
    /** Exchange attribute: the user id the service answered ({@link RequestLogHeaders#USER_ID}), if any. */
    static final String USER_ID_ATTRIBUTE = RequestIdFilter.class.getName() + ".userId";
    /** Exchange attribute: the path pattern the service answered ({@link RequestLogHeaders#ROUTE}), if any. */
    static final String ROUTE_ATTRIBUTE = RequestIdFilter.class.getName() + ".route";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = incoming != null && ACCEPTABLE.matcher(incoming).matches() ? incoming
                : UUID.randomUUID().toString();
        String apiRequestId = UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> {
            h.set(HEADER, id);
            h.remove(RequestLogHeaders.USER_ID);
            h.remove(RequestLogHeaders.ROUTE);
            h.set(RequestLogHeaders.API_REQUEST_ID, apiRequestId);
        }).build();
        exchange.getResponse().getHeaders().set(HEADER, id);
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getAttributes().put(API_REQUEST_ID_ATTRIBUTE, apiRequestId);
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            // Downstream answers carry the same header; keep exactly one value.
            headers.set(HEADER, id);
            // What the service answered for the request log stays in the gateway.
            take(headers, RequestLogHeaders.USER_ID, exchange, USER_ID_ATTRIBUTE);
            take(headers, RequestLogHeaders.ROUTE, exchange, ROUTE_ATTRIBUTE);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(request).build());
    }

    /** Removes the internal header from the answer, keeping its (first) value in the exchange attribute. */
    private static void take(HttpHeaders headers, String header, ServerWebExchange exchange, String attribute) {
        List<String> values = headers.remove(header);
        if (values != null && !values.isEmpty()) {
            exchange.getAttributes().put(attribute, values.getFirst());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
