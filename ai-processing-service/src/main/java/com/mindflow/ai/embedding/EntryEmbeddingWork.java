package com.mindflow.ai.embedding;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.mindflow.ai.analysis.application.AnalysedEntries;
import com.mindflow.ai.analysis.application.AnalysisEvents;
import com.mindflow.ai.analysis.application.EntryAnalyses;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.ai.JournalEntryEmbedded;
import com.mindflow.events.ai.UserAnalysesWithdrawn;
import com.mindflow.events.journal.JournalEntrySnapshot;

/**
 * The embedding use case, a consumer of its own next to the analysis: an entry the privacy gate admits is cut into
 * passages, embedded and published as {@link JournalEntryEmbedded}. Embedding costs 30–50 times the analysis, so a
 * backlog of it (an import, a rebuild) only delays semantic search, never the analyses and mood scores.
 *
 * <p>Withdrawals stay the analysis consumer's: it publishes them, and the chunk index keeps a withdrawn version's
 * tombstone, so an embedding this consumer makes of a version overtaken meanwhile is refused there.
 */
@Service
public class EntryEmbeddingWork {

    private static final Logger log = LoggerFactory.getLogger(EntryEmbeddingWork.class);

    private final EntryAnalyses analyses;
    private final AnalysedEntries analysed;
    private final EntryEmbeddings embeddings;
    private final AnalysisEvents events;
    private final EmbeddingLane lane;
    private final Clock clock;

    EntryEmbeddingWork(EntryAnalyses analyses, AnalysedEntries analysed, EntryEmbeddings embeddings,
            AnalysisEvents events, EmbeddingLane lane, Optional<Clock> clock) {
        this.analyses = analyses;
        this.analysed = analysed;
        this.embeddings = embeddings;
        this.events = events;
        this.lane = lane;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** A live event: an entry is embedded ahead of any backlog's. */
    public void apply(EventEnvelope<?> envelope) {
        if (envelope.payload() instanceof JournalEntrySnapshot entry) {
            embed(envelope, entry, false);
        }
        else {
            analyses.recordAccount(envelope.payload());
        }
    }

    /** An entry of a backlog (a rebuild's replay, an import): embedded while no live entry waits. */
    public void background(EventEnvelope<?> envelope, JournalEntrySnapshot entry) {
        embed(envelope, entry, true);
    }

    private void embed(EventEnvelope<?> envelope, JournalEntrySnapshot entry, boolean background) {
        if (!analyses.mayRead(entry)) {
            return;
        }
        if (analysed.superseded(entry.entryId(), entry.version())) {
            log.debug("Entry {} v{} not embedded: a newer version is analysed or withdrawn", entry.entryId(),
                    entry.version());
            return;
        }
        if (background && analysed.isEmbedded(entry.entryId(), entry.version())) {
            return; // a rebuild: these passages are out already
        }
        // Published even without a passage (an edit left no word to embed): the chunk index then drops the old ones.
        Supplier<JournalEntryEmbedded> work = () -> embeddings.embed(entry.entryId(), entry.userId(),
                entry.version(), entry.date(), entry.title(), entry.content());
        events.publish(envelope, background ? lane.background(work) : lane.live(work));
        analysed.embedded(entry.entryId(), entry.version());
        if (!analyses.mayRead(entry)) {
            // The user turned private mode on or withdrew consent while this entry was being embedded, and the
            // analysis consumer's withdrawal may have reached the chunk index before these chunks: withdraw again,
            // after them (same key, same partition). A change recorded after this check publishes its own.
            log.info("User {} was excluded while entry {} v{} was embedded: withdrawing again", entry.userId(),
                    entry.entryId(), entry.version());
            events.publish(envelope, new UserAnalysesWithdrawn(entry.userId(), clock.instant()));
        }
    }
}
