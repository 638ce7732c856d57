package com.mindflow.support.readside;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The Elasticsearch contract for semantic search between projection-service (writes) and query-service (reads): one
 * document per chunk of an embedded entry ({@code JournalEntryEmbedded}), with its text and its 384-dimension vector.
 * Not in the seed (whose {@code journal_entries} mapping has no vector); a separate index so a chunk is a kNN hit of
 * its own and the seed's mapping stays as it is.
 *
 * <p>Routed by the owner's id like {@link JournalSearchIndex} ({@code _routing} required): every kNN query carries the
 * same routing and a {@code userId} filter, so no query can ever reach another user's chunks. Document ids are
 * {@link #chunkId(UUID, int)}.
 */
public final class JournalChunkIndex {

    /** The alias reads and writes go through. */
    public static final String ALIAS = "journal_entry_chunks";

    /** Prefix of the physical indices behind {@link #ALIAS}. */
    public static final String INDEX_PREFIX = "journal_entry_chunks_";

    /** The only model whose vectors the index holds; query vectors must come from the same one. */
    public static final String MODEL = "all-minilm-l6-v2-q";

    public static final int DIMENSIONS = 384;

    public static final String DEFINITION = "mindflow/search/journal-entry-chunks-index.json";

    /**
     * Whether the model can embed a text: it needs a letter or a digit. Its tokenizer drops the rest (emoji, symbols,
     * format characters such as U+FEFF) and refuses what is left empty.
     */
    public static boolean embeddable(String text) {
        return text != null && text.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    public static String routing(UUID userId) {
        return userId.toString();
    }

    public static String chunkId(UUID entryId, int chunkIndex) {
        return entryId + ":" + chunkIndex;
    }

    public static String definition() {
        try (InputStream in = Objects.requireNonNull(
                JournalChunkIndex.class.getClassLoader().getResourceAsStream(DEFINITION), DEFINITION)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JournalChunkIndex() {
    }
}
