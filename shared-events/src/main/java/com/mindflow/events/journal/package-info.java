/**
 * Events of journal entries and their attachments, published by the command-service on
 * {@link com.mindflow.events.Topics#JOURNAL_ENTRIES}. The journal entry is the aggregate; every event carries the
 * entry's {@code version} after the change, so a projection applies an event only if it is newer than what it holds.
 */
package com.mindflow.events.journal;
