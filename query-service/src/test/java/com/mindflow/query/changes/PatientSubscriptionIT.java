package com.mindflow.query.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.PatternTopic;

import com.mindflow.support.readside.ReadCacheKeys;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

/**
 * The change-notice subscription against the real Redis behind a proxy that holds every connection unanswered for
 * the first seconds, as a machine too busy to finish the client's 2 s handshake does: the start tries again instead
 * of failing the service, and the notices arrive once it is through.
 */
class PatientSubscriptionIT {

    @Test
    void aSubscriptionWhoseHandshakeTimesOutIsTriedAgainInsteadOfFailingTheStart() throws Exception {
        Servers servers = LocalStack.servers();
        try (StallingProxy proxy = new StallingProxy(servers.redisHost(), servers.redisPort())) {
            LettuceConnectionFactory connections = factory("127.0.0.1", proxy.port());
            LettuceConnectionFactory direct = factory(servers.redisHost(), servers.redisPort());
            JournalChangeSubscription.PatientListenerContainer container =
                    new JournalChangeSubscription.PatientListenerContainer();
            try {
                container.setConnectionFactory(connections);
                List<String> heard = new CopyOnWriteArrayList<>();
                container.addMessageListener((message, pattern) -> heard.add(new String(message.getBody(),
                        StandardCharsets.UTF_8)), new PatternTopic(ReadCacheKeys.JOURNAL_CHANGES_PATTERN));
                container.afterPropertiesSet();
                Thread.ofVirtual().start(() -> {
                    sleep(4_500);
                    proxy.release();
                });

                long started = System.nanoTime();
                container.start();

                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the first attempts timed out")
                        .isGreaterThan(Duration.ofSeconds(4));
                assertThat(container.isListening()).isTrue();
                StringRedisTemplate redis = new StringRedisTemplate(direct);
                Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    redis.convertAndSend("journal-changes:user:patient", "hello");
                    assertThat(heard).contains("hello");
                });
            }
            finally {
                container.stop();
                container.destroy();
                connections.destroy();
                direct.destroy();
            }
        }
    }

    private static LettuceConnectionFactory factory(String host, int port) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Accepts connections at once but answers none until released; then pipes each to Redis both ways. */
    private static final class StallingProxy implements AutoCloseable {

        private final ServerSocket server;
        private final CountDownLatch released = new CountDownLatch(1);
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        StallingProxy(String host, int port) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        sockets.add(client);
                        Thread.ofVirtual().start(() -> serve(client, host, port));
                    }
                    catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        void release() {
            released.countDown();
        }

        private void serve(Socket client, String host, int port) {
            try {
                released.await();
                if (client.isClosed()) {
                    return;
                }
                Socket upstream = new Socket(host, port);
                sockets.add(upstream);
                Thread.ofVirtual().start(() -> pipe(client, upstream));
                pipe(upstream, client);
            }
            catch (IOException | InterruptedException e) {
                // the client gave up on this connection, or the proxy closed
            }
        }

        private static void pipe(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            }
            catch (IOException closed) {
                // either side closed
            }
        }

        @Override
        public void close() throws IOException {
            released.countDown();
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
