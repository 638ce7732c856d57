/**
 * The bulk lane: an import's entries (marked {@code mindflow-lane: bulk} by the write side) are analysed and embedded
 * by a consumer group of their own, behind live entries, so a user's import of thousands of entries never holds up
 * another user's live entry that shares its partition.
 */
package com.mindflow.ai.bulk;
