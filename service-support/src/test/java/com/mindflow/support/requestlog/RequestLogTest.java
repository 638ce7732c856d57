package com.mindflow.support.requestlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;

import com.mindflow.events.Topics;
import com.mindflow.events.ops.ApiRequestRecord;
import com.mindflow.events.ops.ApplicationLogRecord;
import com.mindflow.events.ops.OpsCodec;
import com.mindflow.events.ops.RequestLogHeaders;
import com.mindflow.support.correlation.Correlation;
import com.mindflow.support.correlation.CorrelationFilter;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What the request and error logs record and leave out, and that the sending never holds up the caller. Behind
 * api-gateway (the default) a service records no request: it answers the gateway the user and route in internal headers
 * and names the gateway's record in its ERROR records. The end-to-end path (real Kafka, projection-service, MongoDB) is
 * projection-service's {@code RequestLogProjectionIT}; the gateway's record is api-gateway's {@code RequestLogIT}.
 */
class RequestLogTest {

    private final MockProducer<String, String> kafka = new MockProducer<>(true, null, new StringSerializer(),
            new StringSerializer());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RequestLogPublisher publisher = new RequestLogPublisher(kafka, 100, meters);
    /** A service exposed without the gateway: records its requests itself. */
    private final RequestLogFilter filter = new RequestLogFilter(publisher, "test-service", true);
    /** The default: behind api-gateway, which records; the service answers it the user and route. */
    private final RequestLogFilter behindGateway = new RequestLogFilter(publisher, "test-service", false);
    private final OpsCodec codec = new OpsCodec();

    @AfterEach
    void clear() {
        MDC.clear();
        publisher.close();
    }

    @Test
    void recordsARequestWithoutBodyCredentialsOrSensitiveQueryValues() throws Exception {
        UUID user = UUID.randomUUID();
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/journals/42");
        // markers hold letters outside hex, so no random id in the record can contain them by chance
        request.setQueryString("limit=10&access_token=tok-marker&Password=p%40ss&code=code-marker&tag=grief"
                + "&q=my+diary&prefix=lo&sort=a&sort=b");
        request.addHeader("Authorization", "Bearer secret-token");
        request.addHeader("Cookie", "session=secret-cookie");
        request.addHeader("User-Agent", "Mozilla/5.0");
        request.addHeader("Content-Type", "application/json");
        request.addHeader("X-Forwarded-For", "203.0.113.9");
        request.setContent("{\"content\":\"my private journal\"}".getBytes());
        request.setRemoteAddr("198.51.100.7");
        request.setAttribute(CorrelationFilter.ATTRIBUTE, "client-chosen-id");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, (req, res) -> {
            assertThat(MDC.get(RequestLogFilter.MDC_API_REQUEST_ID)).isNotBlank();
            req.setAttribute(Correlation.USER_ID_ATTRIBUTE, user.toString());
            req.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/journals/{id}");
            ((jakarta.servlet.http.HttpServletResponse) res).setStatus(201);
            res.getOutputStream().write("{\"id\":42}".getBytes());
        });

        String json = sent(Topics.API_REQUESTS).getFirst().value();
        ApiRequestRecord record = codec.readApiRequest(json);
        assertThat(json).doesNotContain("secret-token", "secret-cookie", "private journal", "tok-marker", "p@ss",
                "code-marker", "grief", "diary", "\"lo\"");
        assertThat(record.requestId()).isNotEqualTo("client-chosen-id").matches("[0-9a-f-]{36}");
        assertThat(record.correlationId()).isEqualTo("client-chosen-id");
        assertThat(record.service()).isEqualTo("test-service");
        assertThat(record.method()).isEqualTo("POST");
        assertThat(record.path()).isEqualTo("/api/journals/42");
        assertThat(record.route()).isEqualTo("/api/journals/{id}");
        assertThat(record.query()).containsExactlyInAnyOrderEntriesOf(Map.of("limit", "10", "access_token", "***",
                "Password", "***", "code", "***", "sort", "a,b"));
        assertThat(record.headers()).containsOnlyKeys("user-agent", "content-type");
        assertThat(record.statusCode()).isEqualTo(201);
        assertThat(record.responseSize()).isEqualTo(9L);
        assertThat(record.responseTime()).isNotNegative();
        assertThat(record.userId()).isEqualTo(user);
        assertThat(record.ipAddress()).isEqualTo("198.51.100.7");
        assertThat(record.error()).isNull();
        assertThat(MDC.get(RequestLogFilter.MDC_API_REQUEST_ID)).isNull();
    }

    @Test
    void behindTheGatewayRecordsNothingAndAnswersItTheUserAndRoute() throws Exception {
        UUID user = UUID.randomUUID();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/journals/42");
        request.setQueryString("q=private+words");
        request.addHeader(RequestLogHeaders.API_REQUEST_ID, "gw-request-1");
        MockHttpServletResponse response = new MockHttpServletResponse();

        behindGateway.doFilter(request, response, (req, res) -> {
            assertThat(MDC.get(RequestLogFilter.MDC_API_REQUEST_ID)).isEqualTo("gw-request-1");
            req.setAttribute(Correlation.USER_ID_ATTRIBUTE, user.toString());
            req.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/journals/{id}");
            res.getOutputStream().write("{\"id\":42}".getBytes());
            // Set before the body could commit the answer.
            assertThat(((jakarta.servlet.http.HttpServletResponse) res).getHeader(RequestLogHeaders.USER_ID))
                    .isEqualTo(user.toString());
        });

        assertThat(response.getHeader(RequestLogHeaders.USER_ID)).isEqualTo(user.toString());
        assertThat(response.getHeader(RequestLogHeaders.ROUTE)).isEqualTo("/api/journals/{id}");
        assertThat(MDC.get(RequestLogFilter.MDC_API_REQUEST_ID)).isNull();
        assertThat(sent(Topics.API_REQUESTS)).isEmpty();
    }

    @Test
    void behindTheGatewayABodylessAnswerCarriesTheHeadersTooAndAnAnonymousOneNoUser() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("DELETE", "/api/journals/42");
        request.addHeader(RequestLogHeaders.API_REQUEST_ID, "not an id!");
        MockHttpServletResponse response = new MockHttpServletResponse();

        behindGateway.doFilter(request, response, (req, res) -> {
            assertThat(MDC.get(RequestLogFilter.MDC_API_REQUEST_ID)).matches("[0-9a-f-]{36}");
            req.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/journals/{id}");
            ((jakarta.servlet.http.HttpServletResponse) res).setStatus(204);
        });

        assertThat(response.getHeader(RequestLogHeaders.ROUTE)).isEqualTo("/api/journals/{id}");
        assertThat(response.containsHeader(RequestLogHeaders.USER_ID)).isFalse();
        assertThat(sent(Topics.API_REQUESTS)).isEmpty();
    }

    @Test
    void behindTheGatewayAnEscapingFailureIsOneErrorLogNamingTheGatewaysRecord() throws Exception {
        ErrorLogAppender appender = new ErrorLogAppender(publisher, "test-service", 300);
        appender.attachTo((LoggerContext) LoggerFactory.getILoggerFactory());
        UUID user = UUID.randomUUID();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/boom");
        request.addHeader(RequestLogHeaders.API_REQUEST_ID, "gw-request-2");
        MDC.put(Correlation.MDC_REQUEST_ID, "corr-2");
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            assertThatIllegalStateException().isThrownBy(() -> behindGateway.doFilter(request, response,
                    (req, res) -> {
                        req.setAttribute(Correlation.USER_ID_ATTRIBUTE, user.toString());
                        throw new IllegalStateException("escaped");
                    }));
        }
        finally {
            appender.detach();
        }

        assertThat(response.getHeader(RequestLogHeaders.USER_ID)).isEqualTo(user.toString());
        List<ProducerRecord<String, String>> logs = sent(Topics.APPLICATION_LOGS);
        assertThat(logs).hasSize(1);
        ApplicationLogRecord log = codec.readApplicationLog(logs.getFirst().value());
        assertThat(log.context().requestId()).isEqualTo("gw-request-2");
        assertThat(log.context().correlationId()).isEqualTo("corr-2");
        assertThat(log.context().userId()).isEqualTo(user);
        assertThat(sent(Topics.API_REQUESTS)).isEmpty();
    }

    @Test
    void namesTheFailureOfA5xxButNotItsStack() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/x");
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            req.setAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE, new IllegalStateException("broken"));
            ((jakarta.servlet.http.HttpServletResponse) res).setStatus(500);
        });
        ApiRequestRecord record = codec.readApiRequest(sent(Topics.API_REQUESTS).getFirst().value());
        assertThat(record.statusCode()).isEqualTo(500);
        assertThat(record.error().name()).isEqualTo("java.lang.IllegalStateException");
        assertThat(record.error().message()).isEqualTo("broken");
        assertThat(record.error().stack()).isNull();
        assertThat(record.userId()).isNull();
    }

    @Test
    void skipsActuatorRequests() throws Exception {
        filter.doFilter(new MockHttpServletRequest("GET", "/actuator/health/readiness"), new MockHttpServletResponse(),
                (req, res) -> { });
        filter.doFilter(new MockHttpServletRequest("GET", "/actuator/prometheus"), new MockHttpServletResponse(),
                (req, res) -> { });
        assertThat(sent(Topics.API_REQUESTS)).isEmpty();
    }

    @Test
    void anEscapingFailureIsOneRequestRecordAndOneErrorLogWithTheRequestsContext() throws Exception {
        ErrorLogAppender appender = new ErrorLogAppender(publisher, "test-service", 300);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender.attachTo(context);
        UUID user = UUID.randomUUID();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/boom");
        request.setAttribute(CorrelationFilter.ATTRIBUTE, "corr-1");
        MDC.put(Correlation.MDC_REQUEST_ID, "corr-1");
        IllegalStateException failure = new IllegalStateException("escaped", new RuntimeException("root cause"));
        try {
            assertThatIllegalStateException().isThrownBy(() -> filter.doFilter(request, new MockHttpServletResponse(),
                    (req, res) -> {
                        req.setAttribute(Correlation.USER_ID_ATTRIBUTE, user.toString());
                        throw failure;
                    }));
            // The container logs the same failure again, outside the request's MDC: no second record.
            MDC.clear();
            LoggerFactory.getLogger("org.apache.catalina.core.StandardWrapperValve").error("Servlet threw", failure);
            // Kafka's client and the publisher never feed themselves.
            LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").error("broker down");
            LoggerFactory.getLogger(RequestLogPublisher.class).error("cannot send");
            // Below ERROR is not recorded.
            LoggerFactory.getLogger("com.mindflow.Example").warn("just a warning");
        }
        finally {
            appender.detach();
        }

        ApiRequestRecord request500 = codec.readApiRequest(sent(Topics.API_REQUESTS).getFirst().value());
        assertThat(request500.statusCode()).isEqualTo(500);
        assertThat(request500.error().name()).isEqualTo("java.lang.IllegalStateException");
        List<ProducerRecord<String, String>> logs = sent(Topics.APPLICATION_LOGS);
        assertThat(logs).hasSize(1);
        ApplicationLogRecord log = codec.readApplicationLog(logs.getFirst().value());
        assertThat(logs.getFirst().key()).isEqualTo(request500.requestId());
        assertThat(log.level()).isEqualTo("ERROR");
        assertThat(log.service()).isEqualTo("test-service");
        assertThat(log.message()).isEqualTo("Unhandled failure of GET /api/boom");
        assertThat(log.context().requestId()).isEqualTo(request500.requestId());
        assertThat(log.context().correlationId()).isEqualTo("corr-1");
        assertThat(log.context().userId()).isEqualTo(user);
        assertThat(log.context().logger()).isEqualTo(RequestLogFilter.class.getName());
        assertThat(log.context().function()).isEqualTo(RequestLogFilter.class.getName() + ".doFilterInternal");
        assertThat(log.error().name()).isEqualTo("java.lang.IllegalStateException");
        assertThat(log.error().message()).isEqualTo("escaped");
        assertThat(log.error().stack()).startsWith("java.lang.IllegalStateException: escaped").hasSize(300);
    }

    @Test
    void aKafkaOutageNeverHoldsUpTheCallerRecordsAreDroppedAndCounted() {
        SimpleMeterRegistry counted = new SimpleMeterRegistry();
        // Nothing listens on port 1: every hand-over waits max.block.ms for metadata, on the publisher's thread.
        RequestLogPublisher unreachable = new RequestLogPublisher(
                RequestLogPublisher.producer("127.0.0.1:1", Map.of(), "test", Duration.ofMillis(200)), 2, counted);
        try {
            long started = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                unreachable.publish(new ApiRequestRecord(UUID.randomUUID().toString(), null, java.time.Instant.now(),
                        "test", "GET", "/", null, Map.of(), Map.of(), 200, 1, null, null, null, null));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(100));
            assertThat(counted.counter("mindflow.request.log.dropped", "topic", Topics.API_REQUESTS,
                    "reason", "queue-full").count()).isGreaterThanOrEqualTo(45);
        }
        finally {
            unreachable.close();
        }
    }

    private List<ProducerRecord<String, String>> sent(String topic) {
        publisher.close();
        return kafka.history().stream().filter(record -> record.topic().equals(topic)).toList();
    }
}
