package com.mindflow.ai.analysis.domain;

import java.util.List;

/** Everything the per-entry analysis derives from an entry's title and text. Thread-safe; build one and share it. */
public final class EntryAnalyser {

    private final LanguageDetector languages = new LanguageDetector();
    private final SentimentAnalyser sentiment = new SentimentAnalyser();
    private final KeyPhraseExtractor keyPhrases = new KeyPhraseExtractor();

    /** @param title may be null; it is read as the entry's first sentence */
    public EntryAnalysis analyse(String title, String content, Language accountLanguage) {
        String text = (title == null || title.isBlank() ? "" : title.strip() + ".\n") + (content == null ? "" : content);
        Language language = languages.detect(text, accountLanguage);
        SentimentAnalyser.SentimentScore score = sentiment.score(text, language);
        return new EntryAnalysis(score.score(), score.label(), keyPhrases.extract(text, language), language);
    }

    /** @param keyPhrases most prominent first, at most {@link KeyPhraseExtractor#MAX_PHRASES} */
    public record EntryAnalysis(double sentimentScore, SentimentAnalyser.Label label, List<String> keyPhrases,
            Language language) {
    }
}
