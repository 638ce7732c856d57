package com.mindflow.gateway;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.mindflow.events.ops.ApiRequestQuery;
import com.mindflow.events.ops.ApiRequestRecord;
import com.mindflow.events.ops.ErrorDetails;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * The request log: one {@link ApiRequestRecord} per client request ({@code service} {@code api-gateway}), after the
 * answer, sent by {@link RequestLogSender}. Method, raw path, route, query parameters ({@link ApiRequestQuery}: search
 * text left out, secrets masked), only {@code User-Agent} and {@code Content-Type}, status, time at the gateway,
 * response size, user, client address ({@link ClientAddress}) and, for a 5xx, what failed as seen from here. Never a
 * body, never {@code Authorization} or a cookie. Actuator requests are not recorded.
 *
 * <ul>
 * <li>Ids: {@link RequestIdFilter}'s. The record's id is the one passed to the service, whose ERROR records (with the
 * stack of what failed inside it) carry it as {@code context.requestId}; the correlation id is the
 * {@code X-Request-Id}.</li>
 * <li>User: the gateway validates no token. The service that did answers the user id in an internal header, which
 * {@link RequestIdFilter} takes off the answer (and off every incoming request: a client cannot set it).</li>
 * <li>Route: the path pattern the service matched (internal header as well), e.g. {@code /api/journals/{id}}; when the
 * service did not answer (unreachable, timed out) the gateway's route id, e.g. {@code reads}; {@code null} when no
 * route matched.</li>
 * </ul>
 *
 * <p>The gateway's own failures are answered here, by {@link ProblemJsonErrorHandler}, so that the record sees the
 * answer the client got. A client that goes away before an answer is recorded as 499.
 */
class RequestLogFilter implements WebFilter, Ordered {

    static final int CLIENT_CLOSED = 499;
    private static final int MAX_HEADER = 500;
    private static final int MAX_MESSAGE = 1000;

    private final RequestLogSender sender;
    private final WebExceptionHandler errors;
    private final ClientAddress clientAddress;
    private final String service;

    RequestLogFilter(RequestLogSender sender, WebExceptionHandler errors, ClientAddress clientAddress,
            String service) {
        this.sender = sender;
        this.errors = errors;
        this.clientAddress = clientAddress;
        this.service = service;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (path.equals("/livez") || path.equals("/readyz")) {
            return chain.filter(exchange);
        }
        Instant timestamp = Instant.now();
        long started = System.nanoTime();
        CountingResponse response = new CountingResponse(exchange.getResponse());
        ServerWebExchange counted = exchange.mutate().response(response).build();
        Throwable[] failure = new Throwable[1];
        return chain.filter(counted)
                .onErrorResume(error -> {
                    failure[0] = error;
                    return errors.handle(counted, error);
                })
                .doFinally(signal -> sender.publish(record(counted, response, timestamp, started, signal, failure[0])));
    }

    private ApiRequestRecord record(ServerWebExchange exchange, CountingResponse response, Instant timestamp,
            long started, SignalType signal, Throwable failure) {
        ServerHttpRequest request = exchange.getRequest();
        int status = status(response, signal);
        String route = exchange.getAttribute(RequestIdFilter.ROUTE_ATTRIBUTE);
        if (route == null) {
            Route matched = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            route = matched == null ? null : matched.getId();
        }
        return new ApiRequestRecord(exchange.getAttributeOrDefault(RequestIdFilter.API_REQUEST_ID_ATTRIBUTE,
                UUID.randomUUID().toString()), exchange.getAttribute(RequestIdFilter.ATTRIBUTE), timestamp, service,
                request.getMethod().name(), request.getPath().value(), route,
                ApiRequestQuery.sanitize(request.getURI().getRawQuery()), headers(request.getHeaders()), status,
                (System.nanoTime() - started) / 1_000_000, response.size(),
                user(exchange.getAttribute(RequestIdFilter.USER_ID_ATTRIBUTE)), clientAddress.of(request),
                status >= 500 ? error(status, failure) : null);
    }

    private static int status(ServerHttpResponse response, SignalType signal) {
        if (signal == SignalType.CANCEL && !response.isCommitted()) {
            return CLIENT_CLOSED;
        }
        HttpStatusCode status = response.getStatusCode();
        return status == null ? HttpStatus.OK.value() : status.value();
    }

    private static Map<String, String> headers(HttpHeaders request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : new String[] {"user-agent", "content-type"}) {
            String value = request.getFirst(name);
            if (value != null) {
                headers.put(name, truncate(value, MAX_HEADER));
            }
        }
        return headers;
    }

    /** Only a well-formed id: a service answers one or nothing. */
    private static UUID user(String header) {
        if (header == null) {
            return null;
        }
        try {
            return UUID.fromString(header);
        }
        catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private static ErrorDetails error(int status, Throwable failure) {
        if (failure == null) {
            HttpStatus known = HttpStatus.resolve(status);
            return new ErrorDetails(known == null ? "HTTP " + status : known.getReasonPhrase(), null, null);
        }
        return new ErrorDetails(failure.getClass().getName(), truncate(failure.getMessage(), MAX_MESSAGE), null);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** Right after {@link RequestIdFilter}: its ids are there, and it takes the internal headers off the answer. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    /** Counts the body bytes written; without any, the size is the answer's {@code Content-Length}, if known. */
    static final class CountingResponse extends ServerHttpResponseDecorator {

        private long written;
        private boolean counting;

        CountingResponse(ServerHttpResponse delegate) {
            super(delegate);
        }

        Long size() {
            if (counting) {
                return written;
            }
            long length = getHeaders().getContentLength();
            return length < 0 ? null : length;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            counting = true;
            return super.writeWith(Flux.from(body).doOnNext(this::count));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            counting = true;
            return super.writeAndFlushWith(Flux.from(body).map(part -> Flux.from(part).doOnNext(this::count)));
        }

        private void count(DataBuffer buffer) {
            written += buffer.readableByteCount();
        }
    }
}
