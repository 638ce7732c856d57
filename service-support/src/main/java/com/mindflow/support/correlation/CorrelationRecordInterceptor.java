package com.mindflow.support.correlation;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Restores a record's correlation id into the MDC while a {@code @KafkaListener} handles it, so the consumer's log
 * lines share the id of the HTTP request that caused the event. A record without one gets a fresh id, so its lines
 * still group together.
 */
public class CorrelationRecordInterceptor implements RecordInterceptor<Object, Object> {

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
            Consumer<Object, Object> consumer) {
        String id = Correlation.from(record.headers());
        MDC.put(Correlation.MDC_REQUEST_ID, id != null ? id : Correlation.newId());
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        MDC.remove(Correlation.MDC_REQUEST_ID);
    }

    @Override
    public void clearThreadState(Consumer<?, ?> consumer) {
        MDC.remove(Correlation.MDC_REQUEST_ID);
    }
}
