/**
 * Projection into the read database (journals_view and friends).
 *
 * <p>Inside: {@code domain} (plain Java: aggregates, value objects, events; no Spring, JPA or web types),
 * {@code application} (use cases), and adapters ({@code web}, {@code persistence}, {@code messaging}).
 */
package com.mindflow.projection.readmodel;
