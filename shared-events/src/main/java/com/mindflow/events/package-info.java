/**
 * The event contracts every MindFlow service shares.
 *
 * <h2>On the wire</h2>
 * Every Kafka record is one {@link com.mindflow.events.EventEnvelope} as JSON, written and read by
 * {@link com.mindflow.events.EventCodec}. The envelope names its payload by an explicit {@code eventType} and
 * {@code eventVersion} ({@link com.mindflow.events.EventTypes}), never by a Java class name, so producers and
 * consumers can rename, move or rewrite their classes freely. The record key is always the user id: all events of
 * one user land in one partition of a topic and are consumed in the order they were written. Topics
 * ({@link com.mindflow.events.Topics}) and headers ({@link com.mindflow.events.EventHeaders}) are named here, once.
 *
 * <h2>Changing a contract</h2>
 * <ul>
 * <li>Compatible (same version): adding a nullable field. Readers ignore fields they do not know, and a field an
 * older producer did not write reads as {@code null} (or an empty list).</li>
 * <li>Breaking (new version, e.g. {@code JournalEntryCreated} v2 as its own record, registered next to v1, or a new
 * {@code .v2} topic): renaming or removing a field, changing its type or meaning, adding an enum constant, adding a
 * primitive field.</li>
 * </ul>
 * The golden files under {@code src/test/resources/golden} pin every registered shape; a change that alters one fails
 * the build until the golden file is changed too, in plain sight of the review.
 *
 * <p>Events carry the full state a projection needs, and never a password, a hash or a token.
 */
package com.mindflow.events;
