package com.mindflow.localstack.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.CompletionSuggestOption;
import co.elastic.clients.elasticsearch.core.search.HighlightField;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.analyze.AnalyzeToken;
import co.elastic.clients.util.NamedValue;

import com.mindflow.localstack.StackHome;

/**
 * The developer's Elasticsearch (port 9200, .mindflow/data/elasticsearch), started here unless it already answers,
 * with the seed's journal index: the analysis plugin's filters, full-text search with highlighting and a completion
 * suggester, through the Elasticsearch Java client the services use.
 */
class ElasticsearchServerIT {

    private static final ElasticsearchServer server = new ElasticsearchServer();
    private static final String INDEX = "it-journal-" + UUID.randomUUID();
    private static boolean startedHere;
    private static ElasticsearchClient client;

    @BeforeAll
    static void startOrReuse() throws Exception {
        if (!server.isRunning()) {
            StackHome home = StackHome.locate();
            long t0 = System.nanoTime();
            server.start(home.data(server.name()), home.logs());
            startedHere = true;
            System.out.printf("elasticsearch: started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        client = ElasticsearchClient.of(b -> b.host("http://localhost:" + server.ports().getFirst()));
        client.indices().create(c -> c.index(INDEX).withJson(new StringReader(JournalIndex.SETTINGS_AND_MAPPINGS)));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (client != null) {
            client.indices().delete(d -> d.index(INDEX));
            client.close();
        }
        if (startedHere) {
            server.stop();
        }
    }

    @Test
    void journalAnalyzerFoldsAccentsAndStems() throws Exception {
        assertThat(analyze("journal_analyzer", "Cafés running")).containsExactly("cafe", "run");
        assertThat(analyze("journal_analyzer", "The naïve résumés")).containsExactly("naiv", "resum");
    }

    @Test
    void pluginFiltersTakeTheirSettings() throws Exception {
        assertThat(analyze("german_analyzer", "Häuser")).containsExactly("haus");
        assertThat(analyze("folding_keeping_original", "Café")).containsExactly("cafe", "café");
    }

    @Test
    void fullTextSearchFindsAnEntryByAnotherFormOfItsWordsAndHighlightsThem() throws Exception {
        String userId = "user-" + UUID.randomUUID();
        index(Map.of("id", "entry-1", "userId", userId, "date", "2025-10-25", "title", "A Reflective Evening",
                "content", "Went running before work, then met Zoë at the café.", "isPrivate", false,
                "suggest", List.of("A Reflective Evening")));

        SearchResponse<Map> found = client.search(s -> s.index(INDEX)
                .query(q -> q.bool(b -> b
                        .must(m -> m.match(t -> t.field("content").query("cafe runs")))
                        .filter(f -> f.term(t -> t.field("userId").value(userId)))
                        .filter(f -> f.term(t -> t.field("isPrivate").value(false)))))
                .highlight(h -> h.fields(NamedValue.of("content", HighlightField.of(f -> f)))), Map.class);

        assertThat(found.hits().hits()).extracting(Hit::id).containsExactly("entry-1");
        assertThat(found.hits().hits().getFirst().highlight().get("content"))
                .singleElement().asString().contains("<em>running</em>", "<em>café</em>");
    }

    @Test
    void completionSuggesterSuggestsTitlesByPrefix() throws Exception {
        index(Map.of("id", "entry-2", "userId", "user-" + UUID.randomUUID(), "title", "Morning pages",
                "content", "Three pages before coffee.", "suggest", List.of("Morning pages", "pages")));

        SearchResponse<Map> response = client.search(s -> s.index(INDEX)
                .suggest(g -> g.suggesters("titles", t -> t.prefix("morn").completion(c -> c.field("suggest")))),
                Map.class);

        List<String> suggested = response.suggest().get("titles").getFirst().completion().options().stream()
                .map(CompletionSuggestOption::text).toList();
        assertThat(suggested).containsExactly("Morning pages");
    }

    private static void index(Map<String, Object> document) throws Exception {
        client.index(i -> i.index(INDEX).id((String) document.get("id")).document(document).refresh(Refresh.WaitFor));
    }

    private static List<String> analyze(String analyzer, String text) throws Exception {
        return client.indices().analyze(a -> a.index(INDEX).analyzer(analyzer).text(text)).tokens().stream()
                .map(AnalyzeToken::token).toList();
    }
}
