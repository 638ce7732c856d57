/**
 * Replays the accounts for a rebuild of projection-service's read model: on {@code SnapshotsRequested} for the
 * {@code read-model} sink, every account that still exists goes out as a {@code UserRegistered} on the replay topic,
 * read in one consistent snapshot, followed by one completion marker per partition.
 */
package com.mindflow.auth.replay;
