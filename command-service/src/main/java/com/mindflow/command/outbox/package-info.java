/**
 * Events of this service, written to the outbox in the same transaction as the state.
 *
 * <p>Inside: {@code domain} (plain Java: aggregates, value objects, events; no Spring, JPA or web types),
 * {@code application} (use cases), and adapters ({@code web}, {@code persistence}, {@code messaging}).
 */
package com.mindflow.command.outbox;
