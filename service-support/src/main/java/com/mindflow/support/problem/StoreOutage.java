package com.mindflow.support.problem;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

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
            "com.mongodb.MongoNotPrimaryException",
            "com.mongodb.MongoNodeIsRecoveringException",
            "org.apache.http.ConnectionClosedException",
            "org.apache.hc.core5.http.ConnectionClosedException",
            // no pooled connection to the store came free in time (all of them waiting on it)
            "org.apache.hc.core5.util.DeadlineTimeoutException",
            "org.apache.kafka.common.errors.TimeoutException",
            "software.amazon.awssdk.core.exception.SdkClientException");

    /** Lettuce's message for a command refused while disconnected (DefaultEndpoint). */
    static final String LETTUCE_REJECTED = "Currently not connected. Commands are rejected.";

    private StoreOutage() {
    }

    /** True when {@code failure}, or any of its causes, says a store could not be reached or did not answer. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreUnavailableException
                    || t instanceof DataAccessResourceFailureException || t instanceof QueryTimeoutException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || connectionLost(t)
                    || t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || namedOutage(t.getClass()) || rejectedByLettuce(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P01–57P03 (the server is shutting down or starting up) and 53300
     * (too many connections): PostgreSQL is not there for us now, the statement itself is fine.
     */
    private static boolean connectionLost(Throwable t) {
        if (!(t instanceof SQLException sql) || sql.getSQLState() == null) {
            return false;
        }
        String state = sql.getSQLState();
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("53300");
    }

    /**
     * Lettuce, told to reject commands while it reconnects (RedisFailFastAutoConfiguration), throws a plain
     * RedisException that only its message tells from a failed command.
     */
    private static boolean rejectedByLettuce(Throwable t) {
        return t.getClass().getName().equals("io.lettuce.core.RedisException") && t.getMessage() != null
                && t.getMessage().startsWith(LETTUCE_REJECTED);
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
