/**
 * The one Redis pattern subscription of this instance on projection-service's "entry changed" channel, fanned out
 * in-process to whoever cares (live pushes, read-your-writes waits).
 */
package com.mindflow.query.changes;
