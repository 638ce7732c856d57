/**
 * The caller's consent history (/api/me/consent/history): every consent given or changed, read from the audit
 * trail, which keeps it for the legal retention whatever the current consent row says.
 */
package com.mindflow.query.consent;
