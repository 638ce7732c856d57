package com.mindflow.support.requestlog;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;

import com.mindflow.events.ops.ApiRequestRecord;
import com.mindflow.events.ops.ErrorDetails;
import com.mindflow.support.correlation.Correlation;
import com.mindflow.support.correlation.CorrelationFilter;
import com.mindflow.support.web.ClientAddress;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Records every request the service serves as one {@link ApiRequestRecord}, after the answer: method, raw path and
 * matched route, query parameters with sensitive values masked, only the {@code User-Agent} and {@code Content-Type}
 * headers, status, time, response size, user, client address and, for a 5xx, what failed. Never a body: journal
 * content is private and a request log outlives nothing that could justify keeping it. Actuator requests (health
 * probes, metrics scrapes) are not recorded.
 *
 * <p>Runs right after the {@link CorrelationFilter}. Each request gets its own id ({@link #MDC_API_REQUEST_ID} in the
 * MDC, so an error logged while serving it names it); the correlation id may repeat (a client chooses it). An
 * exception escaping the whole chain is logged here, with the request's context, before the container sees it.
 */
public class RequestLogFilter extends OncePerRequestFilter {

    /** MDC key of the id of the request being served, {@link ApiRequestRecord#requestId()}. */
    public static final String MDC_API_REQUEST_ID = "apiRequestId";

    static final String MASK = "***";
    private static final int MAX_HEADER = 500;
    private static final int MAX_MESSAGE = 1000;
    private static final Set<String> SENSITIVE_NAMES = Set.of("code", "key", "apikey", "api_key", "signature",
            "sig", "session", "sessionid", "jsessionid", "state");
    private static final Set<String> SENSITIVE_PARTS = Set.of("token", "password", "passwd", "secret", "credential",
            "auth");

    private static final Logger log = LoggerFactory.getLogger(RequestLogFilter.class);

    private final RequestLogPublisher publisher;
    private final String service;

    public RequestLogFilter(RequestLogPublisher publisher, String service) {
        this.publisher = publisher;
        this.service = service;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/actuator") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant timestamp = Instant.now();
        long started = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        CountingResponse counting = new CountingResponse(response);
        MDC.put(MDC_API_REQUEST_ID, requestId);
        try {
            chain.doFilter(request, counting);
        }
        catch (IOException | ServletException | RuntimeException | Error failure) {
            String user = (String) request.getAttribute(Correlation.USER_ID_ATTRIBUTE);
            if (user != null) {
                MDC.put(Correlation.MDC_USER_ID, user);
            }
            log.error("Unhandled failure of {} {}", request.getMethod(), request.getRequestURI(), failure);
            publisher.publish(record(request, counting, requestId, timestamp, started, failure));
            throw failure;
        }
        finally {
            MDC.remove(MDC_API_REQUEST_ID);
        }
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    publisher.publish(record(request, counting, requestId, timestamp, started, event.getThrowable()));
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                }

                @Override
                public void onError(AsyncEvent event) {
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                }
            });
            return;
        }
        publisher.publish(record(request, counting, requestId, timestamp, started, null));
    }

    private ApiRequestRecord record(HttpServletRequest request, CountingResponse response, String requestId,
            Instant timestamp, long started, Throwable escaped) {
        int status = escaped != null ? HttpStatus.INTERNAL_SERVER_ERROR.value() : response.getStatus();
        String user = (String) request.getAttribute(Correlation.USER_ID_ATTRIBUTE);
        Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return new ApiRequestRecord(requestId, (String) request.getAttribute(CorrelationFilter.ATTRIBUTE), timestamp,
                service, request.getMethod(), request.getRequestURI(), route == null ? null : route.toString(),
                query(request.getQueryString()), headers(request), status,
                (System.nanoTime() - started) / 1_000_000, response.size(),
                user == null ? null : UUID.fromString(user), ClientAddress.of(request),
                status >= 500 ? error(status, escaped != null ? escaped : failureOf(request)) : null);
    }

    /** The query string's parameters (never form fields of a body), sensitive values masked, several joined by ','. */
    static Map<String, String> query(String queryString) {
        Map<String, String> query = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return query;
        }
        for (String pair : queryString.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            String name = decode(nameAndValue[0]);
            if (name.isEmpty()) {
                continue;
            }
            String value = sensitive(name) ? MASK : decode(nameAndValue.length > 1 ? nameAndValue[1] : "");
            query.merge(name, truncate(value, MAX_HEADER), (first, next) -> first.equals(MASK) ? first
                    : truncate(first + "," + next, MAX_HEADER));
        }
        return query;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException malformed) {
            return encoded;
        }
    }

    static boolean sensitive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SENSITIVE_NAMES.contains(lower) || SENSITIVE_PARTS.stream().anyMatch(lower::contains);
    }

    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : new String[] {"user-agent", "content-type"}) {
            String value = request.getHeader(name);
            if (value != null) {
                headers.put(name, truncate(value, MAX_HEADER));
            }
        }
        return headers;
    }

    /** The exception a handler failed with, as Spring MVC (after resolving it) or the container left it. */
    private static Throwable failureOf(HttpServletRequest request) {
        Object failure = request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
        if (failure == null) {
            failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        }
        return failure instanceof Throwable throwable ? throwable : null;
    }

    private static ErrorDetails error(int status, Throwable failure) {
        if (failure == null) {
            HttpStatus known = HttpStatus.resolve(status);
            return new ErrorDetails(known == null ? "HTTP " + status : known.getReasonPhrase(), null, null);
        }
        return new ErrorDetails(failure.getClass().getName(), truncate(failure.getMessage(), MAX_MESSAGE), null);
    }

    static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
