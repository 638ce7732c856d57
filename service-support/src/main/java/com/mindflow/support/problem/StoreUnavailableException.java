package com.mindflow.support.problem;

/**
 * A store answered, but with "not now" (Elasticsearch 429 or 5xx, a shard still recovering): thrown where a driver
 * reports that as an ordinary error, so {@link StoreOutage} treats it like a store that cannot be reached.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
