/**
 * Idempotency-Key: a retried write returns the first attempt's response instead of doing the work twice.
 */
package com.mindflow.command.idempotency;
