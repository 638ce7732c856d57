package com.mindflow.support.readside;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class JournalChunkerTest {

    private final JournalChunker chunker = new JournalChunker();

    @Test
    void theTitleLeadsAndMarkdownIsDropped() {
        List<String> chunks = chunker.chunks("Sunday", "## Morning\n\nA **long** walk by the [river](https://x.y/z)."
                + " ![photo](a.jpg) Then _tea_.");
        assertThat(chunks).containsExactly("Sunday. Morning A long walk by the river. Then tea .");
    }

    @Test
    void longEntriesAreCutAtSentencesIntoBoundedChunks() {
        String sentence = "I walked along the quiet river and thought about the week that had passed. ";
        List<String> chunks = chunker.chunks("", sentence.repeat(30));
        assertThat(chunks).hasSizeGreaterThan(3)
                .allSatisfy(chunk -> assertThat(chunk.split(" ")).hasSizeLessThanOrEqualTo(JournalChunker.MAX_WORDS))
                .allSatisfy(chunk -> assertThat(chunk).endsWith("passed."));
    }

    @Test
    void aSentenceLongerThanAChunkIsCutAtTheWordLimitAndAnEmptyEntryHasNoChunks() {
        assertThat(chunker.chunks(null, "word ".repeat(200))).hasSize(3);
        assertThat(chunker.chunks(null, "  \n\n ")).isEmpty();
        // Nothing the model could embed: emoji, symbols, a byte-order mark.
        assertThat(chunker.chunks(null, "\uD83D\uDE42\u2728 \uFEFF\n\n!!! ---")).isEmpty();
        assertThat(chunker.chunks("x", "word. ".repeat(20_000))).hasSize(JournalChunker.MAX_CHUNKS);
    }
}
