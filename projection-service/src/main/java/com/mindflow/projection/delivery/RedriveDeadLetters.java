package com.mindflow.projection.delivery;

import com.mindflow.events.Topics;
import com.mindflow.support.kafka.KafkaClientProperties;

/**
 * The operator's re-drive command: {@code ./mindflow redrive <topic>} (or, in a cluster, a Job running this class
 * from the projection-service image). Like {@code RequestRebuild} it needs only the broker
 * ({@code MINDFLOW_KAFKA_BOOTSTRAP}, default {@code 127.0.0.1:9092}) and, where the broker wants TLS or SASL, the
 * service's {@code SPRING_KAFKA_PROPERTIES_*} variables.
 */
public final class RedriveDeadLetters {

    private RedriveDeadLetters() {
    }

    public static void main(String[] args) {
        if (args.length != 1 || !Topics.all().contains(args[0])) {
            System.err.println("usage: RedriveDeadLetters <" + String.join("|", Topics.all()) + ">");
            System.exit(2);
        }
        String bootstrap = System.getenv().getOrDefault("MINDFLOW_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
        DeadLetters.Redriven result = new DeadLetters(bootstrap, KafkaClientProperties.of(System.getenv()))
                .redrive(args[0]);
        System.out.println("Re-drove " + result.redriven() + " record(s) from " + result.deadLetterTopic() + " to "
                + result.topic() + "; left " + result.skipped() + " duplicate or unreadable record(s) parked.");
    }
}
