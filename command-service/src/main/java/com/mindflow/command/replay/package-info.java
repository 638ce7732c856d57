/**
 * Replays the journal's current state for a projection rebuild: on {@code SnapshotsRequested} every entry that still
 * exists (live, or deleted but restorable) and every streak goes out on the replay topic, read in one consistent
 * snapshot, followed by one completion marker per partition. See {@link com.mindflow.events.replay}.
 */
package com.mindflow.command.replay;
