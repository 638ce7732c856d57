package com.mindflow.support.requestlog;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;

import com.mindflow.events.ops.ApiRequestQuery;
import com.mindflow.events.ops.ApiRequestRecord;
import com.mindflow.events.ops.ErrorDetails;
import com.mindflow.events.ops.RequestLogHeaders;
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
 * The service's side of the request log. The record of a client request is written once, by api-gateway
 * ({@code ApiRequestRecord}, {@code service=api-gateway}); behind the gateway this filter records nothing and only:
 * <ul>
 * <li>takes the record's id from the gateway ({@link RequestLogHeaders#API_REQUEST_ID}, else a new one) into the MDC
 * ({@link #MDC_API_REQUEST_ID}), so an ERROR record of the request ({@link ErrorLogAppender}) names the gateway's
 * record;</li>
 * <li>answers the gateway, in internal headers it removes before the client sees the answer, with what only the service
 * knows: the user whose token it accepted ({@link RequestLogHeaders#USER_ID}) and the path pattern it matched
 * ({@link RequestLogHeaders#ROUTE});</li>
 * <li>logs an exception escaping the whole chain, with the request's context, before the container sees it.</li>
 * </ul>
 *
 * <p>A service exposed without the gateway records its requests itself with
 * {@code mindflow.request-log.record-requests=true}: then it sends no internal headers, takes no id from outside and
 * records every request as before (method, raw path and matched route, sanitized query ({@link ApiRequestQuery}), only
 * {@code User-Agent} and {@code Content-Type}, status, time, response size, user, client address and, for a 5xx, what
 * failed). Never a body. Actuator requests (health probes, metrics scrapes) are never recorded.
 */
public class RequestLogFilter extends OncePerRequestFilter {

    /** MDC key of the id of the request being served, {@link ApiRequestRecord#requestId()}. */
    public static final String MDC_API_REQUEST_ID = "apiRequestId";

    static final String MASK = ApiRequestQuery.MASK;
    private static final int MAX_HEADER = 500;
    private static final int MAX_MESSAGE = 1000;

    private static final Logger log = LoggerFactory.getLogger(RequestLogFilter.class);

    private final RequestLogPublisher publisher;
    private final String service;
    private final boolean recordRequests;

    /** A filter that records every request itself (a service exposed without the gateway). */
    public RequestLogFilter(RequestLogPublisher publisher, String service) {
        this(publisher, service, true);
    }

    /**
     * @param recordRequests whether the service records its requests itself ({@code true}) or api-gateway does and
     *                       this filter answers it the user and the route ({@code false}, the default)
     */
    public RequestLogFilter(RequestLogPublisher publisher, String service, boolean recordRequests) {
        this.publisher = publisher;
        this.service = service;
        this.recordRequests = recordRequests;
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
        String requestId = recordRequests ? UUID.randomUUID().toString()
                : Correlation.acceptOrCreate(request.getHeader(RequestLogHeaders.API_REQUEST_ID));
        CountingResponse counting = new CountingResponse(response,
                recordRequests ? null : () -> answerTheGateway(request, response));
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
            if (recordRequests) {
                publisher.publish(record(request, counting, requestId, timestamp, started, failure));
            }
            else {
                counting.beforeCommit();
            }
            throw failure;
        }
        finally {
            MDC.remove(MDC_API_REQUEST_ID);
        }
        if (!recordRequests) {
            // A body-less answer (204, a redirect) commits only after the chain: the headers go now.
            counting.beforeCommit();
            return;
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

    /** The query string's parameters as they may be stored ({@link ApiRequestQuery}). */
    static Map<String, String> query(String queryString) {
        return ApiRequestQuery.sanitize(queryString);
    }

    /** The user and the matched route, for the gateway's record; set once, before the response commits. */
    private static void answerTheGateway(HttpServletRequest request, HttpServletResponse response) {
        if (response.isCommitted()) {
            return;
        }
        Object user = request.getAttribute(Correlation.USER_ID_ATTRIBUTE);
        if (user != null) {
            response.setHeader(RequestLogHeaders.USER_ID, user.toString());
        }
        Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (route != null) {
            response.setHeader(RequestLogHeaders.ROUTE, truncate(route.toString(), MAX_HEADER));
        }
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
