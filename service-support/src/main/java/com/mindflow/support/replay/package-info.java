/** Publishing a write-side service's snapshots for a projection rebuild (see shared-events' {@code replay}). */
package com.mindflow.support.replay;
