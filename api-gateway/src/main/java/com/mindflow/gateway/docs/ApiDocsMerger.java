package com.mindflow.gateway.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges the services' OpenAPI documents into the one document of the gateway's base URL. A pure function of the
 * documents and of which operations the gateway routes to their service:
 * <ul>
 * <li>an operation is kept only when the gateway routes its method and path to the service that documents it;</li>
 * <li>components no kept operation reaches (directly or through other components) are left out;</li>
 * <li>a component name two services define differently (or whose definition refers to such a component) is
 * namespaced with the service's prefix, {@code Query.JournalEntry}, in both; identical ones are shared;</li>
 * <li>an operation id that is not unique is prefixed with the service's name ({@code queryList});</li>
 * <li>paths, components, tags and response codes are sorted, so the document is stable and diffable.</li>
 * </ul>
 */
public final class ApiDocsMerger {

    /** One service's document and what it is called in the merged one. */
    public record ServiceDoc(String service, String prefix, JsonNode doc) {
    }

    /** Whether the gateway routes {@code method path} (upper-case method, OpenAPI path template) to the service. */
    @FunctionalInterface
    public interface Routed {
        boolean test(String service, String method, String path);
    }

    static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String COMPONENTS_REF = "#/components/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonMapper json;

    public ApiDocsMerger(JsonMapper json) {
        this.json = json;
    }

    /** Every (service, METHOD, path) the documents describe: what {@link Routed} is asked about. */
    public static List<String[]> operations(List<ServiceDoc> docs) {
        List<String[]> all = new ArrayList<>();
        for (ServiceDoc doc : docs) {
            JsonNode paths = doc.doc().path("paths");
            for (Map.Entry<String, JsonNode> path : paths.properties()) {
                for (String method : METHODS) {
                    if (path.getValue().has(method)) {
                        all.add(new String[] { doc.service(), method.toUpperCase(Locale.ROOT), path.getKey() });
                    }
                }
            }
        }
        return all;
    }

    public ObjectNode merge(List<ServiceDoc> docs, Routed routed, ObjectNode info, ArrayNode servers) {
        // 1. Per service: only routed operations, only the components they reach.
        Map<String, ObjectNode> paths = new LinkedHashMap<>();
        Map<String, ObjectNode> components = new LinkedHashMap<>();
        for (ServiceDoc doc : docs) {
            ObjectNode kept = NODES.objectNode();
            for (Map.Entry<String, JsonNode> path : doc.doc().path("paths").properties()) {
                ObjectNode item = NODES.objectNode();
                boolean any = false;
                for (Map.Entry<String, JsonNode> field : path.getValue().properties()) {
                    if (METHODS.contains(field.getKey())) {
                        if (routed.test(doc.service(), field.getKey().toUpperCase(Locale.ROOT), path.getKey())) {
                            item.set(field.getKey(), field.getValue().deepCopy());
                            any = true;
                        }
                    } else {
                        item.set(field.getKey(), field.getValue().deepCopy());
                    }
                }
                if (any) {
                    kept.set(path.getKey(), item);
                }
            }
            paths.put(doc.service(), kept);
            components.put(doc.service(), reachable(kept, doc.doc().path("components")));
        }

        // 2. Which component names must be namespaced: defined differently by two services, until nothing changes.
        Set<String> renamed = new HashSet<>(); // "type/name"
        Map<String, String> prefixes = new HashMap<>();
        docs.forEach(d -> prefixes.put(d.service(), d.prefix()));
        boolean changed = true;
        while (changed) {
            changed = false;
            Map<String, JsonNode> first = new HashMap<>();
            for (ServiceDoc doc : docs) {
                for (Map.Entry<String, JsonNode> type : components.get(doc.service()).properties()) {
                    for (Map.Entry<String, JsonNode> named : type.getValue().properties()) {
                        String key = type.getKey() + "/" + named.getKey();
                        if (renamed.contains(key)) {
                            continue;
                        }
                        JsonNode definition = rewrite(named.getValue(), renamer(doc.prefix(), renamed));
                        JsonNode earlier = first.putIfAbsent(key, definition);
                        if (earlier != null && !earlier.equals(definition)) {
                            renamed.add(key);
                            changed = true;
                        }
                    }
                }
            }
        }

        // 3. The merged paths and components.
        Map<String, ObjectNode> mergedPaths = new TreeMap<>();
        Map<String, Map<String, JsonNode>> mergedComponents = new TreeMap<>();
        Map<String, List<ObjectNode>> operationIds = new TreeMap<>();
        Map<ObjectNode, String> operationService = new HashMap<>();
        for (ServiceDoc doc : docs) {
            Function<String, String> rename = renamer(doc.prefix(), renamed);
            for (Map.Entry<String, JsonNode> path : paths.get(doc.service()).properties()) {
                ObjectNode item = (ObjectNode) rewrite(path.getValue(), rename);
                ObjectNode target = mergedPaths.computeIfAbsent(path.getKey(), p -> NODES.objectNode());
                for (Map.Entry<String, JsonNode> field : item.properties()) {
                    if (METHODS.contains(field.getKey())) {
                        ObjectNode operation = sortResponses((ObjectNode) field.getValue());
                        target.set(field.getKey(), operation);
                        String id = operation.path("operationId").asString("");
                        if (!id.isEmpty()) {
                            operationIds.computeIfAbsent(id, i -> new ArrayList<>()).add(operation);
                            operationService.put(operation, doc.service());
                        }
                    } else if (!target.has(field.getKey())) {
                        target.set(field.getKey(), field.getValue());
                    }
                }
            }
            for (Map.Entry<String, JsonNode> type : components.get(doc.service()).properties()) {
                Map<String, JsonNode> named = mergedComponents.computeIfAbsent(type.getKey(), t -> new TreeMap<>());
                for (Map.Entry<String, JsonNode> component : type.getValue().properties()) {
                    String key = type.getKey() + "/" + component.getKey();
                    String name = renamed.contains(key) ? doc.prefix() + "." + component.getKey() : component.getKey();
                    named.putIfAbsent(name, rewrite(component.getValue(), rename));
                }
            }
        }
        for (Map.Entry<String, List<ObjectNode>> id : operationIds.entrySet()) {
            if (id.getValue().size() > 1) {
                for (ObjectNode operation : id.getValue()) {
                    String service = operationService.get(operation);
                    operation.put("operationId", prefixes.get(service).toLowerCase(Locale.ROOT)
                            + Character.toUpperCase(id.getKey().charAt(0)) + id.getKey().substring(1));
                }
            }
        }

        // 4. The document.
        ObjectNode merged = NODES.objectNode();
        merged.put("openapi", docs.isEmpty() ? "3.1.0" : docs.getFirst().doc().path("openapi").asString("3.1.0"));
        merged.set("info", info);
        merged.set("servers", servers);
        JsonNode security = docs.stream().map(d -> d.doc().get("security")).filter(s -> s != null).findFirst()
                .orElse(null);
        if (security != null) {
            merged.set("security", security.deepCopy());
        }
        merged.set("tags", tags(docs, mergedPaths));
        ObjectNode pathsNode = merged.putObject("paths");
        mergedPaths.forEach((path, item) -> pathsNode.set(path, ordered(item)));
        ObjectNode componentsNode = merged.putObject("components");
        mergedComponents.forEach((type, named) -> {
            ObjectNode typeNode = componentsNode.putObject(type);
            named.forEach(typeNode::set);
        });
        return merged;
    }

    /** The merged document as the gateway serves it and the repository keeps it: indented JSON, one trailing newline. */
    public String write(JsonNode merged) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(merged) + "\n";
    }

    /** The components reached from {@code from}, following references transitively; security schemes always. */
    private static ObjectNode reachable(JsonNode from, JsonNode components) {
        Set<String> seen = new TreeSet<>();
        List<JsonNode> todo = new ArrayList<>(List.of(from));
        while (!todo.isEmpty()) {
            JsonNode node = todo.removeLast();
            for (String ref : refs(node)) {
                String key = ref.substring(COMPONENTS_REF.length());
                int slash = key.indexOf('/');
                if (slash < 0 || !seen.add(key)) {
                    continue;
                }
                JsonNode target = components.path(key.substring(0, slash)).path(unescape(key.substring(slash + 1)));
                if (!target.isMissingNode()) {
                    todo.add(target);
                }
            }
        }
        ObjectNode kept = NODES.objectNode();
        for (Map.Entry<String, JsonNode> type : components.properties()) {
            ObjectNode named = NODES.objectNode();
            for (Map.Entry<String, JsonNode> component : type.getValue().properties()) {
                if (type.getKey().equals("securitySchemes")
                        || seen.contains(type.getKey() + "/" + escape(component.getKey()))) {
                    named.set(component.getKey(), component.getValue().deepCopy());
                }
            }
            if (!named.isEmpty()) {
                kept.set(type.getKey(), named);
            }
        }
        return kept;
    }

    private static List<String> refs(JsonNode node) {
        List<String> found = new ArrayList<>();
        collectRefs(node, found);
        return found;
    }

    private static void collectRefs(JsonNode node, List<String> found) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("$ref") && field.getValue().isString()
                        && field.getValue().asString().startsWith(COMPONENTS_REF)) {
                    found.add(field.getValue().asString());
                } else {
                    collectRefs(field.getValue(), found);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, found));
        }
    }

    /** Maps a reference ({@code #/components/schemas/X}) to its name in the merged document. */
    private static Function<String, String> renamer(String prefix, Set<String> renamed) {
        return ref -> {
            if (!ref.startsWith(COMPONENTS_REF)) {
                return ref;
            }
            String key = ref.substring(COMPONENTS_REF.length());
            int slash = key.indexOf('/');
            if (slash < 0 || !renamed.contains(key.substring(0, slash) + "/" + unescape(key.substring(slash + 1)))) {
                return ref;
            }
            return COMPONENTS_REF + key.substring(0, slash) + "/" + prefix + "." + key.substring(slash + 1);
        };
    }

    /** A copy with every {@code $ref} mapped. */
    private static JsonNode rewrite(JsonNode node, Function<String, String> rename) {
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("$ref") && field.getValue().isString()) {
                    copy.put("$ref", rename.apply(field.getValue().asString()));
                } else {
                    copy.set(field.getKey(), rewrite(field.getValue(), rename));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(rewrite(element, rename)));
            return copy;
        }
        return node;
    }

    /** Response codes in ascending order ("default" last). */
    private static ObjectNode sortResponses(ObjectNode operation) {
        JsonNode responses = operation.get("responses");
        if (responses != null && responses.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>((a, b) -> a.equals("default") ? 1
                    : b.equals("default") ? -1 : a.compareTo(b));
            responses.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            ObjectNode node = NODES.objectNode();
            sorted.forEach(node::set);
            operation.set("responses", node);
        }
        return operation;
    }

    /** A path item with its operations in the usual method order, after its other fields. */
    private static ObjectNode ordered(ObjectNode item) {
        ObjectNode node = NODES.objectNode();
        item.properties().stream().filter(e -> !METHODS.contains(e.getKey()))
                .forEach(e -> node.set(e.getKey(), e.getValue()));
        for (String method : METHODS) {
            if (item.has(method)) {
                node.set(method, item.get(method));
            }
        }
        return node;
    }

    /** The services' tags that a kept operation uses, one per name (the first description), sorted by name. */
    private static ArrayNode tags(List<ServiceDoc> docs, Map<String, ObjectNode> paths) {
        Set<String> used = new HashSet<>();
        paths.values().forEach(item -> item.properties().forEach(e -> {
            if (METHODS.contains(e.getKey())) {
                e.getValue().path("tags").forEach(t -> used.add(t.asString()));
            }
        }));
        Map<String, JsonNode> byName = new TreeMap<>();
        for (ServiceDoc doc : docs) {
            for (JsonNode tag : doc.doc().path("tags")) {
                String name = tag.path("name").asString("");
                if (used.contains(name)) {
                    byName.putIfAbsent(name, tag.deepCopy());
                }
            }
        }
        for (String name : used) {
            byName.putIfAbsent(name, NODES.objectNode().put("name", name));
        }
        ArrayNode array = NODES.arrayNode();
        byName.values().forEach(array::add);
        return array;
    }

    private static String unescape(String pointerToken) {
        return pointerToken.replace("~1", "/").replace("~0", "~");
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
