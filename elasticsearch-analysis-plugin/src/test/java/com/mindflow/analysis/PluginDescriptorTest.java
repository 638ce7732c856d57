package com.mindflow.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.junit.jupiter.api.Test;

import com.mindflow.analysis.asciifolding.AsciiFoldingTokenFilterFactory;
import com.mindflow.analysis.snowball.SnowballTokenFilterFactory;

/**
 * The metadata that goes into the plugin zip. named_components.json is written by hand (Elasticsearch would otherwise
 * scan the jar at install time, which needs far more memory), so it must list exactly the annotated factories.
 */
class PluginDescriptorTest {

    private static final Pattern ENTRY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"([^\"]+)\"");

    @Test
    void namedComponentsListEveryTokenFilterFactoryUnderItsAnnotatedName() throws IOException {
        String json = resource("plugin-metadata/named_components.json");
        Map<String, String> listed = new LinkedHashMap<>();
        Matcher entry = ENTRY.matcher(json);
        while (entry.find()) {
            listed.put(entry.group(1), entry.group(2));
        }

        assertThat(json).contains("\"" + TokenFilterFactory.class.getName() + "\"");
        Map<String, String> annotated = new LinkedHashMap<>();
        for (Class<?> factory : new Class<?>[] {AsciiFoldingTokenFilterFactory.class, SnowballTokenFilterFactory.class}) {
            assertThat(TokenFilterFactory.class).isAssignableFrom(factory);
            annotated.put(factory.getAnnotation(NamedComponent.class).value(), factory.getName());
        }
        assertThat(listed).isEqualTo(annotated);
        assertThat(annotated).containsOnlyKeys("asciifolding", "snowball");
    }

    @Test
    void factoriesHaveOneInjectableConstructor() {
        for (Class<?> factory : new Class<?>[] {AsciiFoldingTokenFilterFactory.class, SnowballTokenFilterFactory.class}) {
            assertThat(factory.getConstructors()).hasSize(1);
            assertThat(factory.getConstructors()[0].isAnnotationPresent(Inject.class)).isTrue();
        }
    }

    @Test
    void stablePluginDescriptorNamesTheElasticsearchItWasBuiltFor() throws IOException {
        Properties descriptor = new Properties();
        try (InputStream in = PluginDescriptorTest.class.getClassLoader()
                .getResourceAsStream("plugin-metadata/stable-plugin-descriptor.properties")) {
            descriptor.load(in);
        }

        assertThat(descriptor.getProperty("name")).isEqualTo("mindflow-analysis");
        assertThat(descriptor.getProperty("elasticsearch.version")).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(descriptor.getProperty("java.version")).isEqualTo("21");
        assertThat(descriptor.getProperty("version")).doesNotContain("${");
        assertThat(descriptor).doesNotContainKeys("classname", "modulename");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PluginDescriptorTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
