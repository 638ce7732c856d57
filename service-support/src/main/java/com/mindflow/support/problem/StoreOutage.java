package com.mindflow.support.problem;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

/**
 * Tells a store that is down or not answering (PostgreSQL, Redis, Elasticsearch, MongoDB, Kafka, S3) from a bug: the
 * first is a 503 the client may retry, the second a 500. Drivers without a Spring translation are known by name, so
 * this class needs none of them on its class path.
 */
public final class StoreOutage {

    /** Driver exceptions that mean "cannot reach the server" or "it did not answer in time". */
    private static final Set<String> OUTAGE_TYPES = Set.of(
            "io.lettuce.core.RedisConnectionException",
            "io.lettuce.core.RedisCommandTimeoutException",
            "com.mongodb.MongoSocketException",
            "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoSocketOpenException",
            "com.mongodb.MongoSocketReadException",
            "org.apache.http.ConnectionClosedException",
            "org.apache.hc.core5.http.ConnectionClosedException",
            "org.apache.kafka.common.errors.TimeoutException",
            "software.amazon.awssdk.core.exception.SdkClientException");

    private StoreOutage() {
    }

    /** True when {@code failure}, or any of its causes, says a store could not be reached or did not answer. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof QueryTimeoutException
                    || t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || namedOutage(t.getClass())) {
                return true;
            }
        }
        return false;
    }

    private static boolean namedOutage(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (OUTAGE_TYPES.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }
}
