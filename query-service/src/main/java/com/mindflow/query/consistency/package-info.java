/**
 * Read-your-writes on request: a read carrying {@code X-Consistency-Entry} and {@code X-Consistency-Version} waits
 * (bounded) until the store it reads has applied that version of the entry.
 */
package com.mindflow.query.consistency;
