package com.mindflow.support.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class CorrelationTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void keepsAnAcceptableIncomingIdAndEchoesIt() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
        request.addHeader("X-Request-Id", "abc-123");
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<String> seen = new AtomicReference<>();

        new CorrelationFilter().doFilter(request, response, (req, res) -> seen.set(MDC.get("requestId")));

        assertThat(seen).hasValue("abc-123");
        assertThat(response.getHeader("X-Request-Id")).isEqualTo("abc-123");
        assertThat(MDC.get("requestId")).isNull();
    }

    @Test
    void replacesAMissingOrHostileIdWithANewOne() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
        request.addHeader("X-Request-Id", "evil\r\nSet-Cookie: x=y");
        MockHttpServletResponse response = new MockHttpServletResponse();

        new CorrelationFilter().doFilter(request, response, new MockFilterChain());

        assertThat(response.getHeader("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void travelsThroughKafkaHeaders() {
        MDC.put("requestId", "req-42");
        ProducerRecord<Object, Object> sent = new CorrelationProducerInterceptor()
                .onSend(new ProducerRecord<>("topic", "key", "value"));
        assertThat(new String(sent.headers().lastHeader("mindflow-correlation-id").value(), StandardCharsets.UTF_8))
                .isEqualTo("req-42");
        MDC.clear();

        ConsumerRecord<Object, Object> received = new ConsumerRecord<>("topic", 0, 0, "key", "value");
        sent.headers().forEach(h -> received.headers().add(h));
        CorrelationRecordInterceptor interceptor = new CorrelationRecordInterceptor();
        interceptor.intercept(received, null);
        assertThat(MDC.get("requestId")).isEqualTo("req-42");
        interceptor.afterRecord(received, null);
        assertThat(MDC.get("requestId")).isNull();
    }

    @Test
    void keepsTheIdARecordAlreadyCarries() {
        MDC.put("requestId", "current");
        ProducerRecord<Object, Object> record = new ProducerRecord<>("topic", "value");
        Correlation.copyTo(record.headers(), "from-outbox");
        new CorrelationProducerInterceptor().onSend(record);
        assertThat(Correlation.from(record.headers())).isEqualTo("from-outbox");
    }
}
