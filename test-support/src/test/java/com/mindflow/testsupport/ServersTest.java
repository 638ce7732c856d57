package com.mindflow.testsupport;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class ServersTest {

    @Test
    void readsWhatLocalStackReportsAndMapsItToSpringProperties() {
        Properties p = new Properties();
        p.setProperty("postgresql.port", "15432");
        p.setProperty("postgresql.username", "mindflow");
        p.setProperty("postgresql.password", "mindflow");
        p.setProperty("redis.port", "16379");
        p.setProperty("kafka.bootstrap-servers", "127.0.0.1:19092");
        p.setProperty("mongodb.uri", "mongodb://localhost:37017");
        p.setProperty("s3.endpoint", "http://localhost:19000");
        p.setProperty("mail.smtp-port", "12525");

        Servers servers = Servers.from(p);

        assertThat(servers.jdbcUrl(Servers.READ_DB)).isEqualTo("jdbc:postgresql://localhost:15432/mindflow_read");
        assertThat(servers.mongoPort()).isEqualTo(37017);
        assertThat(servers.elasticsearchUrl()).isEqualTo("http://localhost:9200");
        assertThat(servers.springProperties(Servers.WRITE_DB))
                .containsEntry("spring.datasource.url", "jdbc:postgresql://localhost:15432/mindflow_write")
                .containsEntry("spring.datasource.username", "mindflow")
                .containsEntry("spring.data.redis.port", "16379")
                .containsEntry("spring.kafka.bootstrap-servers", "127.0.0.1:19092")
                .containsEntry("spring.mongodb.uri", "mongodb://localhost:37017/mindflow_logs")
                .containsEntry("spring.mail.port", "12525")
                .containsEntry("mindflow.s3.endpoint", "http://localhost:19000");
        assertThat(servers.springProperties()).doesNotContainKey("spring.datasource.url");
    }
}
