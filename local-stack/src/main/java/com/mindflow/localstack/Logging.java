package com.mindflow.localstack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/** Supervisor logging: its own lines to stdout (servers.log), Kafka's chatter to kafka.log. */
final class Logging {

    private Logging() {
    }

    static void configureSupervisor(Path logDir) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("org.h2").setLevel(Level.WARN);
        context.getLogger("de.bwaldvogel").setLevel(Level.WARN);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("[%d{yyyy-MM-dd HH:mm:ss.SSS}] %-5level %msg [%logger{36}]%n");
        encoder.start();
        FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> kafkaLog = new FileAppender<>();
        kafkaLog.setContext(context);
        kafkaLog.setName("kafka");
        kafkaLog.setFile(logDir.resolve("kafka.log").toString());
        kafkaLog.setAppend(true);
        kafkaLog.setEncoder(encoder);
        kafkaLog.start();
        for (String name : new String[] {"kafka", "org.apache.kafka", "state.change.logger"}) {
            Logger logger = context.getLogger(name);
            logger.setAdditive(false);
            logger.setLevel(Level.INFO);
            logger.addAppender(kafkaLog);
        }
        // every client and server start dumps its whole configuration at INFO
        context.getLogger("org.apache.kafka.common.config").setLevel(Level.WARN);
        context.getLogger("org.apache.kafka.clients").setLevel(Level.WARN);
    }
}
