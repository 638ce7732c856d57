package com.mindflow.events.ops;

/**
 * A failure as recorded: the exception's class name (or the HTTP reason when there is no exception), its message,
 * and, in application logs only, the stack trace (already truncated by the producer).
 */
public record ErrorDetails(String name, String message, String stack) {
}
