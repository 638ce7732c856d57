package com.mindflow.query.semantic;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.mindflow.support.languagemodel.LanguageModel;

/**
 * Answers a question from the caller's own words: the nearest passages (one per entry), in each the one sentence
 * nearest to the question, quoted with its date; with nothing similar enough the answer says so. With the optional
 * language model on, the answer is written by the model from the question and those passages alone — passages that
 * already passed the read-model check ({@link VisibleEntries}: never a private entry, never a user in private mode) —
 * and falls back to the quotes when the model fails.
 */
@Component
class JournalAsk {

    /** Entries whose passages are read for an answer. */
    static final int PASSAGES = 5;
    /** Passages quoted in {@code answer}. */
    static final int QUOTED = 3;
    /** Cosine a chunk needs with the question to be read at all. */
    static final double MIN_PASSAGE_SIMILARITY = 0.25;
    /** Cosine a sentence needs with the question to be returned and quoted. */
    static final double MIN_SENTENCE_SIMILARITY = 0.3;
    static final String NOTHING = "Nothing in your journal matches this question closely enough to answer it.";
    /** The language model's system message. */
    static final String INSTRUCTIONS = """
            You answer a person's question about their own journal. Use only the dated journal passages you are \
            given: they are the person's own words. Speak to the person as "you", name the dates that matter, and \
            do not add facts, advice or diagnoses that the passages do not contain. If the passages do not answer \
            the question, say so. At most three sentences.""";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final Embeddings embeddings;
    private final ChunkIndex chunks;
    private final SemanticSearch search;
    private final Optional<LanguageModel> model;

    JournalAsk(Embeddings embeddings, ChunkIndex chunks, SemanticSearch search, Optional<LanguageModel> model) {
        this.embeddings = embeddings;
        this.chunks = chunks;
        this.search = search;
        this.model = model;
    }

    Answer ask(UUID userId, String question, LocalDate from, LocalDate to) {
        float[] q = embeddings.embed(question);
        List<Chunk> nearest = chunks.nearest(userId, q, SemanticSearch.CHUNKS, SemanticSearch.NUM_CANDIDATES, from,
                to, null);
        List<EntryMatch> matches = search.collapse(userId, nearest, SemanticFilter.dates(from, to), PASSAGES,
                MIN_PASSAGE_SIMILARITY).stream().filter(m -> m.passage() != null).toList();
        List<String> sentences = new ArrayList<>();
        List<EntryMatch> owners = new ArrayList<>();
        for (EntryMatch match : matches) {
            for (String sentence : Sentences.of(match.passage(), match.chunkIndex(), match.title())) {
                sentences.add(sentence);
                owners.add(match);
            }
        }
        List<float[]> vectors = embeddings.embedAll(sentences);
        List<Answer.Passage> passages = new ArrayList<>();
        Map<UUID, String> texts = new HashMap<>(); // entry id → the passage's whole chunk
        for (EntryMatch match : matches) {
            String best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < sentences.size(); i++) {
                if (owners.get(i) == match) {
                    double score = Embeddings.cosine(q, vectors.get(i));
                    if (score > bestScore) {
                        bestScore = score;
                        best = sentences.get(i);
                    }
                }
            }
            if (best != null && bestScore >= MIN_SENTENCE_SIMILARITY) {
                Answer.Passage passage = new Answer.Passage(match.id(), match.date(), best, round(bestScore));
                passages.add(passage);
                texts.put(match.id(), match.passage());
            }
        }
        passages.sort(Comparator.comparingDouble(Answer.Passage::score).reversed());
        if (passages.isEmpty()) {
            return new Answer(question, NOTHING, List.of(), Answer.EXTRACTIVE);
        }
        Optional<String> written = model.flatMap(m -> m.write("ask answer", INSTRUCTIONS, prompt(question,
                passages.stream().map(p -> DATE.format(p.date()) + ": " + texts.get(p.entryId())).toList())));
        if (written.isPresent()) {
            return new Answer(question, written.get(), List.copyOf(passages), Answer.LANGUAGE_MODEL);
        }
        String answer = passages.stream().limit(QUOTED)
                .map(p -> "On " + DATE.format(p.date()) + " you wrote: \u201C" + p.sentence() + "\u201D")
                .collect(Collectors.joining("\n"));
        return new Answer(question, answer, List.copyOf(passages), Answer.EXTRACTIVE);
    }

    /** The user message: the question and the selected passages (date and text), nothing else. */
    static String prompt(String question, List<String> datedPassages) {
        StringBuilder prompt = new StringBuilder("Question: ").append(question).append("\n\nJournal passages:");
        for (int i = 0; i < datedPassages.size(); i++) {
            prompt.append("\n[").append(i + 1).append("] ").append(datedPassages.get(i));
        }
        return prompt.toString();
    }

    static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
