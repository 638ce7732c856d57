package com.mindflow.projection.rebuild;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.mindflow.events.Topics;
import com.mindflow.events.replay.RebuildRequested;
import com.mindflow.events.replay.RebuildSinks;
import com.mindflow.events.replay.ReplayCodec;
import com.mindflow.support.kafka.KafkaClientProperties;

/**
 * The operator's rebuild command: {@code ./mindflow rebuild <sink>} (or, in a cluster, a Job running this class from
 * the projection-service image). Publishes {@link RebuildRequested} and exits; projection-service logs the progress.
 * Needs nothing but the broker: who can reach Kafka operates MindFlow, so no HTTP endpoint has to guard this.
 */
public final class RequestRebuild {

    /**
     * The sinks that can be rebuilt from the write side (history and analytics' activity log are records, not state);
     * {@code ai} is ai-processing-service's.
     */
    static final Set<String> SINKS = RebuildSinks.all();

    private RequestRebuild() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !SINKS.contains(args[0])) {
            System.err.println("usage: RequestRebuild <" + String.join("|", SINKS.stream().sorted().toList()) + ">");
            System.exit(2);
        }
        String bootstrap = System.getenv().getOrDefault("MINDFLOW_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
        RebuildRequested request = new RebuildRequested(UUID.randomUUID(), args[0], Instant.now());
        // TLS and SASL, where the broker wants them, as the service's own clients have them (SPRING_KAFKA_PROPERTIES_*).
        Map<String, Object> config = new HashMap<>(KafkaClientProperties.of(System.getenv()));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.REBUILDS, request.rebuildId().toString(),
                    new ReplayCodec().write(request))).get(30, TimeUnit.SECONDS);
        }
        String service = RebuildSinks.AI.equals(request.sink()) ? "ai-processing-service" : "projection-service";
        System.out.println("Requested rebuild " + request.rebuildId() + " of " + request.sink() + "; " + service
                + " logs its progress (\"Rebuild " + request.rebuildId() + " ...\").");
    }
}
