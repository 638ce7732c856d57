/**
 * What the ai-processing-service derives from journal entries, published on
 * {@link com.mindflow.events.Topics#AI_INSIGHTS}. Private entries, and all entries of a user in private mode, are
 * never analysed. Embedding vectors travel once, in {@code JournalEntryEmbedded}, from the model to
 * projection-service, which alone writes them into the search index.
 */
package com.mindflow.events.ai;
