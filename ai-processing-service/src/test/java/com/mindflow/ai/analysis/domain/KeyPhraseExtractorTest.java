package com.mindflow.ai.analysis.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyPhraseExtractorTest {

    private final KeyPhraseExtractor extractor = new KeyPhraseExtractor();

    @Test
    void findsTheContentPhrasesOfAnEnglishEntryAndNoStopWords() {
        var phrases = extractor.extract("""
                Long walk along the river with Ana after work. The autumn leaves were beautiful and the river was calm.
                Later we cooked mushroom risotto and talked about the new apartment.""", Language.ENGLISH);
        assertThat(phrases).hasSizeBetween(5, KeyPhraseExtractor.MAX_PHRASES)
                .contains("new apartment", "autumn leaves").anyMatch(p -> p.endsWith("mushroom risotto")).noneMatch(p -> p.matches("(the|and|was|with) .*"));
    }

    @Test
    void foldsPortugueseAccentsAndSkipsPortugueseStopWords() {
        var phrases = extractor.extract("""
                Hoje fui à praia com a Marta. A água estava fria mas o pôr do sol foi incrível.
                Depois jantámos peixe grelhado na esplanada e falámos sobre a viagem ao Brasil.""", Language.PORTUGUESE);
        assertThat(phrases).contains("agua", "incrivel").anyMatch(p -> p.endsWith("peixe grelhado")).noneMatch(p -> p.startsWith("com ") || p.startsWith("a "));
    }

    @Test
    void aTextWithoutWordsHasNoPhrases() {
        assertThat(extractor.extract("!!! 42 ...", Language.ENGLISH)).isEmpty();
    }
}
