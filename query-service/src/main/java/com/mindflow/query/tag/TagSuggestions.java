package com.mindflow.query.tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.mindflow.support.readside.JournalSearchIndex;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.CompletionContext;

/**
 * Tag autocomplete from the {@code tagSuggest} completion field. The {@code userId} category context keeps the
 * suggestions to the caller's own tags; duplicates (the same tag on many entries) are collapsed by Elasticsearch.
 * The caller's routing sends the request to the one shard holding the caller's entries.
 */
@Component
class TagSuggestions {

    private static final String SUGGESTION = "tags";

    private final ElasticsearchClient es;

    TagSuggestions(ElasticsearchClient es) {
        this.es = es;
    }

    List<String> suggest(UUID userId, String prefix, int size) {
        try {
            @SuppressWarnings("rawtypes")
            SearchResponse<Map> response = es.search(s -> s.index(JournalSearchIndex.ALIAS)
                    .routing(JournalSearchIndex.routing(userId))
                    .size(0)
                    .source(src -> src.fetch(false))
                    .suggest(sg -> sg.suggesters(SUGGESTION, fs -> fs.prefix(prefix)
                            .completion(c -> c.field(JournalSearchIndex.TAG_SUGGEST)
                                    .size(size)
                                    .skipDuplicates(true)
                                    .contexts(JournalSearchIndex.USER_CONTEXT, List.of(CompletionContext
                                            .of(cc -> cc.context(ctx -> ctx.category(userId.toString())))))))),
                    Map.class);
            var suggestions = response.suggest().get(SUGGESTION);
            if (suggestions == null) {
                return List.of();
            }
            return suggestions.stream()
                    .flatMap(suggestion -> suggestion.completion().options().stream())
                    .map(option -> option.text())
                    .distinct()
                    .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Tag suggestion failed", e);
        }
    }
}
