package com.mindflow.query.semantic;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One embedded passage of an entry as the chunk index holds it. {@code similarity} is the cosine with the query
 * vector (0 when the chunk was not found by a kNN search); {@code vector} is only read where it is needed.
 */
record Chunk(UUID entryId, int chunkIndex, long entryVersion, LocalDate date, String text, double similarity,
        float[] vector) {
}
