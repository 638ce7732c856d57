package com.mindflow.projection.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SearchIndexDefinitionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void shardsAndReplicasComeFromSettingsAndTheRestFromTheSeedsMapping() {
        JsonNode definition = JSON.readTree(
                new SearchIndexAdmin(null, new SearchIndexSettings(3, 1), JSON).indexDefinition());
        assertThat(definition.at("/settings/number_of_shards").asInt()).isEqualTo(3);
        assertThat(definition.at("/settings/number_of_replicas").asInt()).isEqualTo(1);
        assertThat(definition.at("/settings/refresh_interval").asString()).isEqualTo("1s");
        assertThat(definition.at("/settings/analysis/analyzer/journal_analyzer/filter").toString())
                .isEqualTo("[\"lowercase\",\"asciifolding\",\"stop\",\"snowball\"]");
        assertThat(definition.at("/mappings/properties/content/term_vector").asString())
                .isEqualTo("with_positions_offsets");
        assertThat(definition.at("/mappings/properties/tagSuggest/type").asString()).isEqualTo("completion");
        assertThat(definition.at("/mappings/properties/tagSuggest/contexts/0/name").asString()).isEqualTo("userId");
        assertThat(definition.at("/mappings/properties/tagSuggest/contexts/0/type").asString()).isEqualTo("category");
        assertThat(definition.at("/mappings/_routing/required").asBoolean()).isTrue();
    }

    @Test
    void replicasDefaultToZeroForASingleNode() {
        assertThat(new SearchIndexSettings(null, null)).isEqualTo(new SearchIndexSettings(3, 0));
    }
}
