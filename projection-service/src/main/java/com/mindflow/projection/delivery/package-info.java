/**
 * What every sink shares about delivery: retries with back-off, the dead-letter topics and their re-drive, and the
 * lag metric.
 */
package com.mindflow.projection.delivery;
