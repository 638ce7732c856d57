/**
 * Events of the user lifecycle, published by the auth-service on {@link com.mindflow.events.Topics#USERS}. The user
 * is the aggregate. They carry a user's profile, settings and consent, but never a password, a hash or a token, nor
 * the IP address or user agent of a request (those stay in the auth-service's own audit trail).
 */
package com.mindflow.events.user;
