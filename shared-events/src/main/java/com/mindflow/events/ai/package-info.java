/**
 * What the ai-processing-service derives from journal entries, published on
 * {@link com.mindflow.events.Topics#AI_INSIGHTS}. Private entries, and all entries of a user in private mode, are
 * never analysed. No embedding vectors travel on Kafka; they stay in the search index.
 */
package com.mindflow.events.ai;
