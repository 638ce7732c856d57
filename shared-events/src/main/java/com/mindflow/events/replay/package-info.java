/**
 * Rebuilding a projection sink from the write side, through Kafka (projection-service never reads another service's
 * tables).
 *
 * <ol>
 * <li>An operator publishes {@link com.mindflow.events.replay.RebuildRequested} on
 * {@link com.mindflow.events.Topics#REBUILDS}.</li>
 * <li>projection-service prepares the sink (search: a new index) and publishes
 * {@link com.mindflow.events.replay.SnapshotsRequested} on the same topic.</li>
 * <li>The write side publishes its current state — command-service every journal entry
 * ({@link com.mindflow.events.journal.JournalEntryReplayed}) and streak, auth-service (for the read model) every
 * account as a {@link com.mindflow.events.user.UserRegistered} — as ordinary envelopes on
 * {@link com.mindflow.events.Topics#REPLAY}, with the {@link com.mindflow.events.EventHeaders#REBUILD_ID} and
 * {@link com.mindflow.events.EventHeaders#REBUILD_SINK} headers, then one
 * {@link com.mindflow.events.replay.ReplayCompleted} per partition and source.</li>
 * <li>The sink applies the snapshots with its version guards and, once every partition is complete, finishes
 * (search: swaps the alias).</li>
 * </ol>
 *
 * These control records are not {@link com.mindflow.events.EventEnvelope}s: they belong to no user. They are JSON
 * with a {@code type} field, read and written by {@link com.mindflow.events.replay.ReplayCodec}.
 */
package com.mindflow.events.replay;
