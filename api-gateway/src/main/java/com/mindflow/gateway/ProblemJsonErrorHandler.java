package com.mindflow.gateway;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's own failures as RFC 9457 problem+json, the same shape the services answer with: an unknown route is
 * 404, an unreachable service (or one that dies mid-request) 503, a slow one 504; no stack trace or exception text ever reaches the client. Ordered
 * before Boot's default error handler.
 */
@Component
@Order(-2)
class ProblemJsonErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemJsonErrorHandler.class);

    private final JsonMapper json;

    ProblemJsonErrorHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        Problem problem = classify(failure);
        if (problem.status().value() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
            // A fault of the gateway itself, not of an upstream: where it came from is what a fix needs.
            log.error("{} {} failed with 500", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    failure);
        }
        else if (problem.status().is5xxServerError()) {
            log.warn("{} {} failed with {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    problem.status().value(), failure.toString());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://mindflow.dev/problems/" + problem.code());
        body.put("title", HttpStatus.resolve(problem.status().value()) == null ? "Error"
                : HttpStatus.resolve(problem.status().value()).getReasonPhrase());
        body.put("status", problem.status().value());
        body.put("detail", problem.detail());
        body.put("instance", exchange.getRequest().getPath().value());
        body.put("code", problem.code());
        Object requestId = exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(problem.status());
        if (problem.status().value() == 503) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(bytes.length);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    private static Problem classify(Throwable failure) {
        if (failure instanceof ResponseStatusException status) {
            HttpStatusCode code = status.getStatusCode();
            if (code.value() == 404) {
                return new Problem(code, "not-found", "No such resource");
            }
            if (code.value() == 504) {
                return new Problem(code, "gateway-timeout", "The service did not answer in time");
            }
            if (code.value() == 503) {
                return new Problem(code, "service-unavailable", "The service is unavailable; try again shortly");
            }
            return new Problem(code, code.is5xxServerError() ? "internal-error" : "bad-request",
                    code.is5xxServerError() ? "Something went wrong in the gateway" : status.getReason() == null
                            ? "The request cannot be routed" : status.getReason());
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // Connection refused, connect timeout, or no pooled connection to the service within the acquire
            // timeout (reactor-netty's PoolAcquireTimeoutException / PoolAcquirePendingLimitException): overload or
            // outage of the service, both worth a retry — never a 500.
            // A service that dies mid-request closes or resets the connection before answering
            // (reactor-netty's PrematureCloseException, "Connection reset"): an outage too.
            if (t instanceof ConnectException || t.getClass().getName().contains("ConnectTimeout")
                    || t.getClass().getName().contains("PoolAcquire")
                    || t.getClass().getName().contains("PrematureClose")
                    || (t instanceof java.io.IOException && String.valueOf(t.getMessage()).contains("Connection reset"))) {
                return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                        "The service is unavailable; try again shortly");
            }
            if (t instanceof TimeoutException) {
                return new Problem(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout", "The service did not answer in time");
            }
        }
        return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Something went wrong in the gateway");
    }

    private record Problem(HttpStatusCode status, String code, String detail) {
    }
}
