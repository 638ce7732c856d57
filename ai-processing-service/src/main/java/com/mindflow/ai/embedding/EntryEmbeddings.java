package com.mindflow.ai.embedding;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.mindflow.events.ai.JournalEntryEmbedded;
import com.mindflow.support.readside.JournalChunker;

/** Cuts an entry into passages and embeds them: the event semantic search is fed from. */
@Service
public class EntryEmbeddings {

    private final JournalChunker chunker = new JournalChunker();
    private final SentenceEmbedder embedder;
    private final Clock clock;

    EntryEmbeddings(SentenceEmbedder embedder, Optional<Clock> clock) {
        this.embedder = embedder;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    public JournalEntryEmbedded embed(UUID entryId, UUID userId, int version, LocalDate date, String title,
            String content) {
        List<String> passages = chunker.chunks(title, content);
        List<float[]> vectors = embedder.embed(passages);
        List<JournalEntryEmbedded.Chunk> chunks = new ArrayList<>(passages.size());
        for (int i = 0; i < passages.size(); i++) {
            chunks.add(new JournalEntryEmbedded.Chunk(i, passages.get(i), vectors.get(i)));
        }
        return new JournalEntryEmbedded(entryId, userId, version, date, embedder.model(), embedder.dimensions(), chunks,
                clock.instant());
    }
}
