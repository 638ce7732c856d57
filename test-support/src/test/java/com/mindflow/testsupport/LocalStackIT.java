package com.mindflow.testsupport;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;

/** test-support itself: the real servers come up (or are reused) and answer where it says. */
class LocalStackIT {

    @Test
    void serversAnswerOnTheReportedPorts() throws Exception {
        Servers servers = LocalStack.servers();

        assertThat(LocalStack.servers()).as("cached per JVM").isSameAs(servers);
        for (int port : new int[] {servers.postgresPort(), servers.redisPort(), servers.mongoPort(), servers.smtpPort(),
                servers.imapPort(), Integer.parseInt(servers.kafkaBootstrapServers().replaceAll(".*:", "")),
                java.net.URI.create(servers.s3Endpoint()).getPort()}) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }
    }
}
