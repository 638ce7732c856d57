/**
 * Rebuilding a sink from the write side's snapshots ({@link com.mindflow.events.replay}): the operator's request,
 * the bookkeeping in {@code projection_rebuilds}, and the replay consumer each sink plugs its
 * {@link com.mindflow.projection.rebuild.SinkRebuild} into.
 */
package com.mindflow.projection.rebuild;
