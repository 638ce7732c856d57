/**
 * Operational records: what the services did (one {@link com.mindflow.events.ops.ApiRequestRecord} per HTTP request
 * served, one {@link com.mindflow.events.ops.ApplicationLogRecord} per ERROR log event), not what a user did. They
 * are not {@link com.mindflow.events.EventEnvelope}s: there may be no user to key them by, they are not part of any
 * aggregate's history and nobody replays them. Plain records as JSON ({@link com.mindflow.events.ops.OpsCodec}), on
 * {@link com.mindflow.events.Topics#API_REQUESTS} and {@link com.mindflow.events.Topics#APPLICATION_LOGS}, keyed by
 * the request id, sent fire-and-forget (a record may be lost; a request is never slowed down for one).
 *
 * <p>They never carry a request or response body, an {@code Authorization} or {@code Cookie} header, or the value of
 * a sensitive query parameter. They do carry the user id and the client's IP address, so consumers erase them on
 * {@code UserDeleted}.
 */
package com.mindflow.events.ops;
