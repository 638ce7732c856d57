package com.mindflow.query.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnippetsTest {

    private static final String PASSAGE = "Beach at dawn. Walked the dog along the beach at sunrise. The sand was still"
            + " cold. Pepper chased every gull she saw, and we walked home hungry.";

    @Test
    void theSentenceSharingMostQueryWordsIsShownAccentsCaseAndStemsIgnored() {
        assertThat(Snippets.of(PASSAGE, 0, "Beach at dawn", "gulls chasing")).isEqualTo(
                "Pepper chased every gull she saw, and we walked home hungry.");
        assertThat(Snippets.of(PASSAGE, 0, "Beach at dawn", "SAND, cold")).isEqualTo("The sand was still cold.");
        assertThat(Snippets.of("Fui à praia. A água estava gelada e o café quente.", 1, null, "agua gelada"))
                .isEqualTo("A água estava gelada e o café quente.");
    }

    @Test
    void aParaphraseWithoutASharedWordShowsTheOpeningSentenceAfterTheTitle() {
        assertThat(Snippets.of(PASSAGE, 0, "Beach at dawn", "seaside stroll at daybreak"))
                .isEqualTo("Walked the dog along the beach at sunrise.");
        assertThat(Snippets.of(PASSAGE, 0, "Beach at dawn", null)).isEqualTo("Walked the dog along the beach at sunrise.");
        assertThat(Snippets.of("   ", 2, null, "anything")).isNull();
        assertThat(Snippets.of(null, 2, null, "anything")).isNull();
    }

    @Test
    void commonWordsAloneDoNotPickASentence() {
        assertThat(Snippets.of("It rained. What was the point of that meeting?", 3, null, "what was that"))
                .isEqualTo("It rained.");
    }
}
