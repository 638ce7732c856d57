package com.mindflow.query.changes;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import com.mindflow.support.readside.JournalChangeNotice;
import com.mindflow.support.readside.ReadCacheKeys;

import tools.jackson.databind.json.JsonMapper;

/**
 * One PSUBSCRIBE on {@link ReadCacheKeys#JOURNAL_CHANGES_PATTERN} per instance, whatever the number of users or
 * sockets: each notice is parsed once and handed to every {@link JournalChangeListener}.
 */
@Configuration(proxyBeanMethods = false)
class JournalChangeSubscription {

    private static final Logger log = LoggerFactory.getLogger(JournalChangeSubscription.class);

    @Bean
    RedisMessageListenerContainer journalChangeListenerContainer(RedisConnectionFactory connections, JsonMapper json,
            ObjectProvider<JournalChangeListener> listeners) {
        RedisMessageListenerContainer container = new PatientListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener((message, pattern) -> {
            JournalChangeNotice notice;
            try {
                notice = json.readValue(message.getBody(), JournalChangeNotice.class);
            }
            catch (RuntimeException e) {
                log.warn("Ignoring an unreadable journal change notice", e);
                return;
            }
            List<JournalChangeListener> all = listeners.orderedStream().toList();
            for (JournalChangeListener listener : all) {
                try {
                    listener.onJournalChange(notice);
                }
                catch (RuntimeException e) {
                    log.warn("A journal change listener failed", e);
                }
            }
        }, new PatternTopic(ReadCacheKeys.JOURNAL_CHANGES_PATTERN));
        return container;
    }

    /**
     * Subscribes before the service is ready, as the plain container does, but tries again for up to a minute when
     * the first subscription fails. A restart under load (the fault suite's kill -9 with both cores busy) can miss the
     * client's 2 s connection handshake; failing the whole start for it costs a JVM start each time (about a minute
     * then), which is what kept query-service down for over three minutes in the fault suite.
     */
    static final class PatientListenerContainer extends RedisMessageListenerContainer {

        private static final Duration PATIENCE = Duration.ofMinutes(1);

        @Override
        public void start() {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (true) {
                try {
                    super.start();
                    return;
                }
                catch (RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    log.warn("Subscribing to journal change notices failed ({}); trying again in 1 s", e.toString());
                    super.stop();
                    try {
                        Thread.sleep(1000);
                    }
                    catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }
    }
}
