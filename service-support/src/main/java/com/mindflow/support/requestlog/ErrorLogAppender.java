package com.mindflow.support.requestlog;

import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;

import com.mindflow.events.ops.ApplicationLogRecord;
import com.mindflow.events.ops.ErrorDetails;
import com.mindflow.support.correlation.Correlation;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * Turns every ERROR log event of the service into an {@link ApplicationLogRecord}: message, logger and calling
 * method, the user and request ids from the MDC, and the exception with its stack trace (cut at
 * {@link RequestLogSettings#maxStackChars()}). Attached to the root logger by the auto-configuration, detached when the
 * application stops. Only queues the record ({@link RequestLogPublisher}): never blocks the logging thread.
 *
 * <p>No recursion: events of Kafka's client ({@code org.apache.kafka.*}) and of the publisher itself are ignored, as is
 * anything logged while a record is being built. The same exception logged again on the same thread (a failure the
 * {@link RequestLogFilter} logged with the request's context and the container then logs once more) becomes one record.
 */
class ErrorLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private static final String KAFKA = "org.apache.kafka.";

    private final RequestLogPublisher publisher;
    private final String service;
    private final int maxStackChars;
    private final String pod = System.getenv("HOSTNAME");
    private final ThreadLocal<Boolean> appending = ThreadLocal.withInitial(() -> false);
    private final ThreadLocal<WeakReference<Throwable>> lastRecorded = new ThreadLocal<>();

    ErrorLogAppender(RequestLogPublisher publisher, String service, int maxStackChars) {
        this.publisher = publisher;
        this.service = service;
        this.maxStackChars = maxStackChars;
        setName("mindflow-application-logs");
    }

    /** Starts and attaches this appender to the root logger of {@code context}. */
    void attachTo(LoggerContext context) {
        setContext(context);
        start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this);
    }

    void detach() {
        if (getContext() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        }
        stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.ERROR) || ignored(event.getLoggerName()) || appending.get()) {
            return;
        }
        Throwable throwable = event.getThrowableProxy() instanceof ThrowableProxy proxy ? proxy.getThrowable() : null;
        if (alreadyRecorded(throwable)) {
            return;
        }
        appending.set(true);
        try {
            publisher.publish(record(event));
            lastRecorded.set(throwable == null ? null : new WeakReference<>(throwable));
        }
        finally {
            appending.set(false);
        }
    }

    private static boolean ignored(String logger) {
        return logger.startsWith(KAFKA) || logger.equals(RequestLogPublisher.class.getName());
    }

    /** Whether this thread's last recorded exception is {@code throwable}, one of its causes, or caused by it. */
    private boolean alreadyRecorded(Throwable throwable) {
        WeakReference<Throwable> last = lastRecorded.get();
        Throwable previous = last == null ? null : last.get();
        if (throwable == null || previous == null) {
            return false;
        }
        return causes(throwable, previous) || causes(previous, throwable);
    }

    private static boolean causes(Throwable outer, Throwable inner) {
        for (Throwable t = outer; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t == inner) {
                return true;
            }
        }
        return false;
    }

    private ApplicationLogRecord record(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        StackTraceElement[] caller = event.getCallerData();
        StackTraceElement at = caller == null || caller.length == 0 ? null : caller[0];
        String user = mdc.get(Correlation.MDC_USER_ID);
        ApplicationLogRecord.Context context = new ApplicationLogRecord.Context(
                user == null ? null : parse(user), mdc.get(RequestLogFilter.MDC_API_REQUEST_ID),
                mdc.get(Correlation.MDC_REQUEST_ID), event.getLoggerName(),
                at == null ? null : at.getClassName() + "." + at.getMethodName(),
                at == null || at.getLineNumber() < 0 ? null : at.getLineNumber());
        return new ApplicationLogRecord(UUID.randomUUID(), Instant.ofEpochMilli(event.getTimeStamp()),
                event.getLevel().toString(), service, RequestLogFilter.truncate(event.getFormattedMessage(), 4096),
                context, error(event.getThrowableProxy()), pod);
    }

    private ErrorDetails error(IThrowableProxy proxy) {
        if (proxy == null) {
            return null;
        }
        return new ErrorDetails(proxy.getClassName(), RequestLogFilter.truncate(proxy.getMessage(), 4096),
                RequestLogFilter.truncate(ThrowableProxyUtil.asString(proxy), maxStackChars));
    }

    private static UUID parse(String user) {
        try {
            return UUID.fromString(user);
        }
        catch (IllegalArgumentException notAUser) {
            return null;
        }
    }
}
