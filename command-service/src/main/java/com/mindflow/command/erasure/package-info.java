/**
 * GDPR erasure of the write side's journal data on {@code UserDeleted}: entries, tag links, unused tags,
 * attachments with their objects in S3, streaks and idempotency keys.
 */
package com.mindflow.command.erasure;
