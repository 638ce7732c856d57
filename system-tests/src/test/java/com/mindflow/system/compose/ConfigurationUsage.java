package com.mindflow.system.compose;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a service's built jar can read from its environment, found in the jar itself: the placeholders of its
 * configuration files ({@code ${MINDFLOW_DB_HOST:...}}), the properties those files and its libraries' Spring
 * configuration metadata declare (an environment variable binds to a property by Spring Boot's relaxed rules:
 * {@code SPRING_DATA_REDIS_HOST} is {@code spring.data.redis.host}), and names its own classes spell out
 * ({@code System.getenv}). A variable that none of these names is one the service never reads: a typo, or a
 * setting meant for another service.
 * <p>
 * Which values the configuration ends up with is checked too, for the one failure a loopback test cannot see by
 * itself: an address of another MindFlow service left at its built-in default ({@code http://127.0.0.1:8081}),
 * which answers on one machine and never in a container.
 */
final class ConfigurationUsage {

    /** Read by the JVM itself, not by Spring: the image sets it. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.\\-]*)(?::([^}]*))?}");
    /** A placeholder with no placeholder inside it: resolving these first resolves nested defaults inside out. */
    private static final Pattern INNERMOST = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.\\-]*)(?::([^{}]*))?}");
    private static final Pattern SERVICE_ON_LOOPBACK =
            Pattern.compile("(?:127\\.0\\.0\\.1|localhost):(8080|8081|8082|8083|8084|8085|8090)\\b");
    /** The jars of this repository's own libraries inside a service's jar. */
    private static final Pattern OWN_LIBRARY = Pattern.compile("BOOT-INF/lib/(service-support|outbox|shared-events)-[^/]*\\.jar");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<Path, ConfigurationUsage> SCANNED = new ConcurrentHashMap<>();

    private final Set<String> placeholders = new HashSet<>();
    private final Set<String> propertyKeys = new HashSet<>();
    /** Map-typed properties (management.endpoint.health.group, spring.mail.properties, …): any key below them binds. */
    private final Set<String> mapProperties = new HashSet<>();
    private final Map<String, String> configuredValues = new LinkedHashMap<>();
    private final List<byte[]> ownClasses = new ArrayList<>();

    private ConfigurationUsage() {
    }

    static ConfigurationUsage of(Path jar) {
        // Each check reads the same six jars (every class and metadata file): once per test JVM is enough.
        return SCANNED.computeIfAbsent(jar.toAbsolutePath().normalize(), ConfigurationUsage::scanned);
    }

    private static ConfigurationUsage scanned(Path jar) {
        ConfigurationUsage usage = new ConfigurationUsage();
        try (InputStream in = java.nio.file.Files.newInputStream(jar)) {
            usage.scan(in, true);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        return usage;
    }

    /** The variables of {@code env} this service never reads. */
    List<String> unused(Map<String, String> env) {
        Set<String> keys = new HashSet<>();
        propertyKeys.forEach(key -> keys.add(relaxed(key)));
        return env.keySet().stream()
                .filter(variable -> !JVM_VARIABLES.contains(variable))
                .filter(variable -> !placeholders.contains(variable))
                .filter(variable -> !keys.contains(relaxed(variable)))
                .filter(variable -> mapProperties.stream().map(ConfigurationUsage::relaxed)
                        .noneMatch(map -> relaxed(variable).startsWith(map) && relaxed(variable).length() > map.length()))
                .filter(variable -> !namedInClasses(variable))
                .filter(variable -> !boundAsMapInClasses(variable))
                .toList();
    }

    /**
     * A key below a map the service's own code binds by name ({@code Binder.bind("spring.kafka.properties",
     * Bindable.mapOf(...))}, for clients Spring Boot does not build): {@code SPRING_KAFKA_PROPERTIES_SASL_MECHANISM}
     * is read when the classes spell {@code spring.kafka.properties}. Three segments at least, so that a bare
     * {@code spring} or {@code mindflow} in a class counts for nothing.
     */
    private boolean boundAsMapInClasses(String variable) {
        String[] segments = variable.toLowerCase(Locale.ROOT).split("_");
        for (int length = 3; length < segments.length; length++) {
            if (namedInClasses(String.join(".", java.util.Arrays.copyOf(segments, length)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Properties whose value, with {@code env} applied as Spring would (a variable overrides the property it binds to;
     * placeholders resolve from the environment, else their default), is another service's address on loopback.
     */
    Map<String, String> servicesOnLoopback(Map<String, String> env) {
        Map<String, String> relaxedEnv = new LinkedHashMap<>();
        env.forEach((name, value) -> relaxedEnv.put(relaxed(name), value));
        Map<String, String> found = new LinkedHashMap<>();
        configuredValues.forEach((key, raw) -> {
            String value = relaxedEnv.containsKey(relaxed(key)) ? relaxedEnv.get(relaxed(key)) : resolve(raw, env);
            if (value != null && SERVICE_ON_LOOPBACK.matcher(value).find()) {
                List<String> variables = new ArrayList<>();
                Matcher m = PLACEHOLDER.matcher(raw);
                while (m.find()) {
                    variables.add(m.group(1));
                }
                found.put(key, value + " (set " + (variables.isEmpty() ? relaxed(key) : String.join(" or ", variables))
                        + ")");
            }
        });
        return found;
    }

    private static String resolve(String raw, Map<String, String> env) {
        String value = raw;
        for (int depth = 0; depth < 5; depth++) {
            Matcher m = INNERMOST.matcher(value);
            if (!m.find()) {
                return value;
            }
            StringBuilder out = new StringBuilder();
            m.reset();
            while (m.find()) {
                String replacement = env.containsKey(m.group(1)) ? env.get(m.group(1))
                        : m.group(2) != null ? m.group(2) : "";
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            value = out.toString();
        }
        return value;
    }

    /** Spring Boot's relaxed form: letters and digits only, upper case. */
    static String relaxed(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    private boolean namedInClasses(String variable) {
        byte[] name = variable.getBytes(StandardCharsets.UTF_8);
        return ownClasses.stream().anyMatch(bytes -> indexOf(bytes, name) >= 0);
    }

    private void scan(InputStream jar, boolean application) throws IOException {
        ZipInputStream zip = new ZipInputStream(jar);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            String name = entry.getName();
            if (entry.isDirectory()) {
                continue;
            }
            // Files of the local profile (mindflow-local.properties) hold the laptop stack's values, not what a
            // deployment's environment binds to.
            boolean own = (application && !name.startsWith("BOOT-INF/lib/") || !application)
                    && !name.matches(".*-local\\.(properties|ya?ml)");
            if (name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
                byte[] nested = zip.readAllBytes();
                if (OWN_LIBRARY.matcher(name).matches()) {
                    scan(new ByteArrayInputStream(nested), false);
                }
                else {
                    metadata(nested);
                }
            }
            else if (name.endsWith("spring-configuration-metadata.json")) {
                metadataJson(zip.readAllBytes());
            }
            else if (own && name.endsWith(".class")) {
                ownClasses.add(zip.readAllBytes());
            }
            else if (own && (name.endsWith(".yml") || name.endsWith(".yaml")) && !name.contains("/META-INF/")) {
                yaml(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
            else if (own && name.endsWith(".properties") && !name.startsWith("META-INF/")
                    && !name.contains("/META-INF/")) {
                Properties properties = new Properties();
                properties.load(new ByteArrayInputStream(zip.readAllBytes()));
                properties.forEach((k, v) -> configured(String.valueOf(k), String.valueOf(v)));
            }
        }
    }

    /** Only the metadata of a third-party jar: what properties its auto-configuration reads. */
    private void metadata(byte[] jar) throws IOException {
        ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar));
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (entry.getName().endsWith("spring-configuration-metadata.json")) {
                metadataJson(zip.readAllBytes());
            }
        }
    }

    private void metadataJson(byte[] json) {
        JsonNode properties = JSON.readTree(json).path("properties");
        properties.forEach(property -> {
            propertyKeys.add(property.path("name").asString());
            if (property.path("type").asString("").startsWith("java.util.Map<")) {
                mapProperties.add(property.path("name").asString());
            }
        });
    }

    private void yaml(String text) {
        for (Object document : Yamls.parser().loadAll(text)) {
            if (document instanceof Map<?, ?> map) {
                flatten("", map);
            }
        }
    }

    private void flatten(String prefix, Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v));
        }
        else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i));
            }
        }
        else {
            configured(prefix, value == null ? "" : String.valueOf(value));
        }
    }

    private void configured(String key, String value) {
        propertyKeys.add(key);
        configuredValues.put(key, value);
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
            placeholders.add(m.group(1));
            // A nested default (${A:${B:x}}) names a variable too.
            Matcher nested = PLACEHOLDER.matcher(m.group(2) == null ? "" : m.group(2) + "}");
            while (nested.find()) {
                placeholders.add(nested.group(1));
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
