/**
 * {@code ./mindflow rebuild ai}: every finding re-derived from the write side's replay, as projection-service
 * rebuilds its sinks. The request and the replay travel the same topics; this service answers the requests for the
 * {@code ai} sink, analyses and embeds every replayed entry its privacy gate admits (embedding behind live entries),
 * and at the end withdraws the findings of entries the replay did not bring.
 */
package com.mindflow.ai.rebuild;
