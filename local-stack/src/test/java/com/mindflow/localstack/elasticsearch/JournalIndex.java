package com.mindflow.localstack.elasticsearch;

/**
 * The seed's journal index (docs: mindflow-database-schema.md) as JSON: its exact {@code journal_analyzer}, its
 * fields, plus a {@code suggest} completion field for title suggestions and two filters configured through the
 * plugin's settings.
 */
final class JournalIndex {

    static final String SETTINGS_AND_MAPPINGS = """
            {
              "settings": {
                "number_of_shards": 3,
                "number_of_replicas": 1,
                "analysis": {
                  "analyzer": {
                    "journal_analyzer": {
                      "type": "custom",
                      "tokenizer": "standard",
                      "filter": ["lowercase", "asciifolding", "stop", "snowball"]
                    },
                    "german_analyzer": {
                      "type": "custom",
                      "tokenizer": "standard",
                      "filter": ["lowercase", "german_snowball"]
                    },
                    "folding_keeping_original": {
                      "type": "custom",
                      "tokenizer": "standard",
                      "filter": ["lowercase", "folding_with_original"]
                    }
                  },
                  "filter": {
                    "german_snowball": { "type": "snowball", "language": "German" },
                    "folding_with_original": { "type": "asciifolding", "preserve_original": true }
                  }
                }
              },
              "mappings": {
                "properties": {
                  "id": { "type": "keyword" },
                  "userId": { "type": "keyword" },
                  "date": { "type": "date", "format": "yyyy-MM-dd" },
                  "title": {
                    "type": "text",
                    "analyzer": "journal_analyzer",
                    "fields": { "keyword": { "type": "keyword" } }
                  },
                  "content": {
                    "type": "text",
                    "analyzer": "journal_analyzer",
                    "term_vector": "with_positions_offsets"
                  },
                  "mood": { "type": "keyword" },
                  "tags": { "type": "keyword" },
                  "location": { "type": "text", "fields": { "keyword": { "type": "keyword" } } },
                  "wordCount": { "type": "integer" },
                  "isPrivate": { "type": "boolean" },
                  "createdAt": { "type": "date" },
                  "updatedAt": { "type": "date" },
                  "suggest": { "type": "completion", "analyzer": "simple" }
                }
              }
            }
            """;

    private JournalIndex() {
    }
}
