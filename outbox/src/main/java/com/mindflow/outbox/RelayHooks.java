package com.mindflow.outbox;

/**
 * Points where a fault-injection test can stop the relay, e.g. after Kafka acknowledged a batch but before the rows
 * were marked as published. Production uses {@link #NONE}.
 */
@FunctionalInterface
public interface RelayHooks {

    RelayHooks NONE = batchSize -> {
    };

    void afterSendBeforeMark(int batchSize);
}
