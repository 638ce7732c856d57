package com.mindflow.support.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;

import io.lettuce.core.RedisException;

class StoreOutageTest {

    @Test
    void storesThatCannotBeReachedOrDoNotAnswerAreOutages() {
        assertThat(StoreOutage.isOutage(new RedisConnectionFailureException("Unable to connect to Redis"))).isTrue();
        assertThat(StoreOutage.isOutage(new CannotGetJdbcConnectionException("no connection"))).isTrue();
        assertThat(StoreOutage.isOutage(new RuntimeException("search failed",
                new ConnectException("Connection refused")))).isTrue();
        assertThat(StoreOutage.isOutage(new IllegalStateException(new SocketTimeoutException("Read timed out"))))
                .isTrue();
        assertThat(StoreOutage.isOutage(new MongoSocketOpenException("refused", new ServerAddress("127.0.0.1", 1))))
                .isTrue();
        assertThat(StoreOutage.isOutage(new MongoTimeoutException("no server"))).isTrue();
        assertThat(StoreOutage.isOutage(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(StoreOutage.isOutage(new RuntimeException(new SQLException("refused", "08001")))).isTrue();
        assertThat(StoreOutage.isOutage(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(StoreOutage.isOutage(new StoreUnavailableException("503 from the search index"))).isTrue();
        assertThat(StoreOutage.isOutage(new RedisSystemException("Redis exception",
                new RedisException(StoreOutage.LETTUCE_REJECTED)))).as("a command Lettuce rejected while reconnecting")
                .isTrue();
    }

    @Test
    void bugsAndRefusedDataAreNot() {
        assertThat(StoreOutage.isOutage(new IllegalStateException("a bug"))).isFalse();
        assertThat(StoreOutage.isOutage(new DataIntegrityViolationException("duplicate key"))).isFalse();
        assertThat(StoreOutage.isOutage(new NullPointerException())).isFalse();
        assertThat(StoreOutage.isOutage(new SQLException("value too long", "22001"))).isFalse();
        assertThat(StoreOutage.isOutage(new RedisSystemException("Redis exception",
                new RedisException("WRONGTYPE Operation against a key holding the wrong kind of value")))).isFalse();
    }
}
