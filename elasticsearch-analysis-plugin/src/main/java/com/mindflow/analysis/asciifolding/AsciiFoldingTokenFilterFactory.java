package com.mindflow.analysis.asciifolding;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * Token filter {@code asciifolding}: folds letters, digits and symbols outside Basic Latin to their ASCII equivalents
 * ("café" → "cafe"), as Elasticsearch's built-in filter of the same name does.
 */
@NamedComponent("asciifolding")
public class AsciiFoldingTokenFilterFactory implements TokenFilterFactory {

    private final boolean preserveOriginal;

    @Inject
    public AsciiFoldingTokenFilterFactory(AsciiFoldingSettings settings) {
        this.preserveOriginal = settings.preserveOriginal();
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ASCIIFoldingFilter(tokenStream, preserveOriginal);
    }

    /** Normalizing (query terms of keyword-ish queries) yields one token, so the original is never kept there. */
    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return new ASCIIFoldingFilter(tokenStream, false);
    }
}
