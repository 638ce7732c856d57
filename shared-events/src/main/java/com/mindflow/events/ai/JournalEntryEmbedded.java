package com.mindflow.events.ai;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * The AI embedded an entry version for semantic search: its text in chunks, each with a sentence-embedding vector.
 * Only a non-private entry of a user who may be analysed is ever embedded; a withdrawal of the entry's analysis
 * ({@link JournalEntryAnalysisWithdrawn}, {@link UserAnalysesWithdrawn}) withdraws its chunks too. Consumers keep the
 * newest version only.
 *
 * @param model      the embedding model, e.g. {@code all-minilm-l6-v2-q}: vectors of different models never mix
 * @param dimensions every vector's length
 */
public record JournalEntryEmbedded(UUID entryId, UUID userId, int entryVersion, LocalDate date, String model,
        int dimensions, List<Chunk> chunks, Instant embeddedAt) implements MindFlowEvent {

    public JournalEntryEmbedded {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(embeddedAt, "embeddedAt");
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
        for (Chunk chunk : chunks) {
            if (chunk.vector().length != dimensions) {
                throw new IllegalArgumentException("chunk " + chunk.index() + " has " + chunk.vector().length
                        + " dimensions, not " + dimensions);
            }
        }
    }

    /**
     * One passage of the entry (the title leads the first) and its unit-length vector.
     *
     * @param index the chunk's position in the entry, from 0
     */
    public record Chunk(int index, String text, float[] vector) {

        public Chunk {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(vector, "vector");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Chunk c && c.index == index && c.text.equals(text)
                    && Arrays.equals(c.vector, vector);
        }

        @Override
        public int hashCode() {
            return Objects.hash(index, text, Arrays.hashCode(vector));
        }

        @Override
        public String toString() {
            return "Chunk[index=" + index + ", words=" + text.split("\\s+").length + ", dimensions=" + vector.length
                    + "]"; // never the text: toString ends up in logs
        }
    }

    @Override
    public UUID aggregateId() {
        return entryId;
    }

    @Override
    public Instant occurredAt() {
        return embeddedAt;
    }
}
