/**
 * Event history and audit log in MongoDB ({@code audit_logs}), and the services' request and error logs
 * ({@code api_requests}, {@code application_logs}) from the operational topics.
 *
 * <p>Inside: {@code domain} (plain Java: aggregates, value objects, events; no Spring, JPA or web types),
 * {@code application} (use cases), and adapters ({@code web}, {@code persistence}, {@code messaging}).
 */
package com.mindflow.projection.history;
