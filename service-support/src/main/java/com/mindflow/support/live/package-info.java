/** Notices a service pushes to a user's open WebSocket sessions (through query-service), over Redis pub/sub. */
package com.mindflow.support.live;
