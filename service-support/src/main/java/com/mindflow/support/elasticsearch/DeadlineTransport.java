package com.mindflow.support.elasticsearch;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;

/**
 * Gives every Elasticsearch request a deadline. The Rest5 client waits for a response without end on a connection
 * it already holds (measured: a search against a frozen node was still waiting after 90 s, whatever
 * {@code spring.elasticsearch.socket-timeout} said), so a hung node held each search's thread, and each sink's
 * consumer, until it came back. Past the deadline the request is cancelled and fails with a
 * {@link SocketTimeoutException}: a StoreOutage, answered 503 or retried by the sink's back-off.
 */
final class DeadlineTransport implements ElasticsearchTransport {

    private final ElasticsearchTransport delegate;
    private final Duration deadline;

    DeadlineTransport(ElasticsearchTransport delegate, Duration deadline) {
        this.delegate = delegate;
        this.deadline = deadline;
    }

    @Override
    public <RequestT, ResponseT, ErrorT> ResponseT performRequest(RequestT request,
            Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) throws IOException {
        CompletableFuture<ResponseT> response = delegate.performRequestAsync(request, endpoint, options);
        try {
            return response.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            response.cancel(true);
            SocketTimeoutException timedOut = new SocketTimeoutException(
                    "Elasticsearch did not answer " + endpoint.id() + " within " + deadline);
            timedOut.initCause(e);
            throw timedOut;
        }
        catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for Elasticsearch", e);
        }
        catch (ExecutionException e) {
            // The synchronous call's own exceptions, as they would have been thrown.
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    @Override
    public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(RequestT request,
            Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
        return delegate.performRequestAsync(request, endpoint, options)
                .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public JsonpMapper jsonpMapper() {
        return delegate.jsonpMapper();
    }

    @Override
    public TransportOptions options() {
        return delegate.options();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
