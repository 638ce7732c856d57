package com.mindflow.analysis.snowball;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.tartarus.snowball.SnowballStemmer;

/**
 * Token filter {@code snowball}: stems words with the Snowball stemmer of the configured language
 * ("running" → "run"), as Elasticsearch's built-in filter of the same name does.
 */
@NamedComponent("snowball")
public class SnowballTokenFilterFactory implements TokenFilterFactory {

    private static final String STEMMER_PACKAGE = "org.tartarus.snowball.ext.";

    private final String language;
    private final Constructor<? extends SnowballStemmer> stemmer;

    @Inject
    public SnowballTokenFilterFactory(SnowballSettings settings) {
        this.language = capitalize(settings.language());
        // Resolved here so that an unknown language fails index creation, not the first document.
        this.stemmer = stemmerConstructor(language);
    }

    public String language() {
        return language;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        // A stemmer keeps per-word state, so every token stream gets its own.
        return new SnowballFilter(tokenStream, newStemmer());
    }

    private SnowballStemmer newStemmer() {
        try {
            return stemmer.newInstance();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot create the snowball stemmer for [" + language + "]", e);
        }
    }

    /** Elasticsearch's own filter accepts {@code english} as well as {@code English}. */
    private static String capitalize(String value) {
        String trimmed = value == null ? "" : value.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("snowball [language] must not be empty");
        }
        return trimmed.substring(0, 1).toUpperCase(Locale.ROOT) + trimmed.substring(1);
    }

    private static Constructor<? extends SnowballStemmer> stemmerConstructor(String language) {
        if (!language.chars().allMatch(Character::isLetterOrDigit)) {
            throw new IllegalArgumentException("unknown snowball [language]: [" + language + "]");
        }
        try {
            Class<?> type = Class.forName(STEMMER_PACKAGE + language + "Stemmer", false, SnowballStemmer.class.getClassLoader());
            return type.asSubclass(SnowballStemmer.class).getConstructor();
        } catch (ClassNotFoundException | ClassCastException | NoSuchMethodException e) {
            throw new IllegalArgumentException("unknown snowball [language]: [" + language
                    + "]; use a Snowball stemmer name such as English, French, German, Spanish or Porter", e);
        }
    }
}
