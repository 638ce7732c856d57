package com.mindflow.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.junit.jupiter.api.Test;

import com.mindflow.analysis.asciifolding.AsciiFoldingSettings;
import com.mindflow.analysis.asciifolding.AsciiFoldingTokenFilterFactory;
import com.mindflow.analysis.snowball.SnowballSettings;
import com.mindflow.analysis.snowball.SnowballTokenFilterFactory;

/**
 * The filters as the seed's {@code journal_analyzer} chains them (standard tokenizer; lowercase, asciifolding, stop,
 * snowball), on plain Lucene. Elasticsearch builds the settings objects from the index settings; here they are lambdas.
 */
class JournalAnalyzerTest {

    private static final AsciiFoldingSettings NO_PRESERVE = () -> false;
    private static final SnowballSettings ENGLISH = () -> "English";

    @Test
    void journalAnalyzerFoldsAccentsDropsStopWordsAndStems() throws IOException {
        assertThat(analyze(journalAnalyzer(NO_PRESERVE, ENGLISH), "Cafés running")).containsExactly("cafe", "run");
        assertThat(analyze(journalAnalyzer(NO_PRESERVE, ENGLISH), "The naïve résumés of a busy Überweekend"))
                .containsExactly("naiv", "resum", "busi", "uberweekend");
    }

    @Test
    void asciiFoldingCanKeepTheOriginalTokenAtTheSamePosition() throws IOException {
        Analyzer analyzer = analyzer(stream -> new AsciiFoldingTokenFilterFactory(() -> true).create(stream));

        // Lucene emits the folded token first, then the original stacked on it
        assertThat(analyze(analyzer, "café au lait")).containsExactly("cafe", "café", "au", "lait");
        assertThat(positionIncrements(analyzer, "café")).containsExactly(1, 0);
    }

    @Test
    void asciiFoldingNormalizesToASingleFoldedToken() throws IOException {
        TokenFilterFactory factory = new AsciiFoldingTokenFilterFactory(() -> true);
        Analyzer normalizer = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                KeywordTokenizer tokenizer = new KeywordTokenizer();
                return new TokenStreamComponents(tokenizer, factory.normalize(tokenizer));
            }
        };

        assertThat(analyze(normalizer, "Crème Brûlée")).containsExactly("Creme Brulee");
    }

    @Test
    void snowballStemsWithTheConfiguredLanguage() throws IOException {
        Analyzer german = analyzer(stream -> new SnowballTokenFilterFactory(() -> "German").create(stream));
        Analyzer french = analyzer(stream -> new SnowballTokenFilterFactory(() -> "french").create(stream));

        assertThat(analyze(german, "häuser katzen")).containsExactly("haus", "katz");
        assertThat(analyze(french, "chanteuses")).containsExactly("chanteux");
    }

    @Test
    void snowballDefaultsToEnglishLikeElasticsearch() throws NoSuchMethodException {
        String defaultLanguage = SnowballSettings.class.getMethod("language")
                .getAnnotation(org.elasticsearch.plugin.settings.StringSetting.class).defaultValue();

        assertThat(defaultLanguage).isEqualTo("English");
        assertThat(new SnowballTokenFilterFactory(() -> "english").language()).isEqualTo("English");
    }

    @Test
    void snowballRejectsAnUnknownLanguageWhenTheIndexIsCreated() {
        assertThatThrownBy(() -> new SnowballTokenFilterFactory(() -> "Klingon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[Klingon]");
        assertThatThrownBy(() -> new SnowballTokenFilterFactory(() -> "../English"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SnowballTokenFilterFactory(() -> " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snowballFiltersOfOneFactoryDoNotShareStemmerState() throws IOException {
        SnowballTokenFilterFactory factory = new SnowballTokenFilterFactory(ENGLISH);
        Analyzer first = analyzer(factory::create);
        Analyzer second = analyzer(factory::create);

        try (TokenStream a = first.tokenStream("f", "running jumps");
             TokenStream b = second.tokenStream("f", "walking talks")) {
            CharTermAttribute termA = a.addAttribute(CharTermAttribute.class);
            CharTermAttribute termB = b.addAttribute(CharTermAttribute.class);
            a.reset();
            b.reset();
            List<String> interleaved = new ArrayList<>();
            while (a.incrementToken() & b.incrementToken()) {
                interleaved.add(termA.toString());
                interleaved.add(termB.toString());
            }
            a.end();
            b.end();
            assertThat(interleaved).containsExactly("run", "walk", "jump", "talk");
        }
    }

    private static Analyzer journalAnalyzer(AsciiFoldingSettings folding, SnowballSettings snowball) {
        TokenFilterFactory asciifolding = new AsciiFoldingTokenFilterFactory(folding);
        TokenFilterFactory stemmer = new SnowballTokenFilterFactory(snowball);
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = new LowerCaseFilter(tokenizer);
                stream = asciifolding.create(stream);
                // Elasticsearch's "stop" filter defaults to the English stop words, as Lucene's EnglishAnalyzer does
                stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                stream = stemmer.create(stream);
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    private static Analyzer analyzer(java.util.function.UnaryOperator<TokenStream> filter) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, filter.apply(new LowerCaseFilter(tokenizer)));
            }
        };
    }

    private static List<String> analyze(Analyzer analyzer, String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("content", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }

    private static List<Integer> positionIncrements(Analyzer analyzer, String text) throws IOException {
        List<Integer> increments = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("content", text)) {
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                increments.add(increment.getPositionIncrement());
            }
            stream.end();
        }
        return increments;
    }
}
