package com.mindflow.system.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.mindflow.system.compose.Yamls.at;
import static com.mindflow.system.compose.Yamls.map;
import static com.mindflow.system.compose.Yamls.maps;
import static com.mindflow.system.compose.Yamls.str;

/** Navigation through Kubernetes objects parsed into maps. */
final class Manifests {

    private Manifests() {
    }

    static String kind(Map<String, Object> object) {
        return str(object.get("kind"));
    }

    static String name(Map<String, Object> object) {
        return str(at(object, "metadata", "name"));
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(kind(o))).toList();
    }

    static Optional<Map<String, Object>> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(kind(o)) && name.equals(name(o))).findFirst();
    }

    /** A generated ConfigMap/Secret: "name" as written, or "name-<hash>" as kustomize renders it. */
    static Optional<Map<String, Object>> findGenerated(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(kind(o)))
                .filter(o -> name(o).equals(name) || name(o).matches(java.util.regex.Pattern.quote(name) + "-[a-z0-9]{6,}"))
                .findFirst();
    }

    /** The pod template's spec of a Deployment, StatefulSet or Job; empty for anything else. */
    static Map<String, Object> podSpec(Map<String, Object> object) {
        return switch (kind(object)) {
            case "Deployment", "StatefulSet", "Job", "DaemonSet", "ReplicaSet" ->
                    map(at(object, "spec", "template", "spec"));
            default -> Map.of();
        };
    }

    static Map<String, Object> podLabels(Map<String, Object> object) {
        return map(at(object, "spec", "template", "metadata", "labels"));
    }

    static List<Map<String, Object>> containers(Map<String, Object> object) {
        Map<String, Object> spec = podSpec(object);
        List<Map<String, Object>> containers = new ArrayList<>(maps(spec.get("containers")));
        containers.addAll(maps(spec.get("initContainers")));
        return containers;
    }

    /** Keys of a ConfigMap or Secret (data, binaryData and stringData alike). */
    static List<String> keys(Map<String, Object> configMapOrSecret) {
        List<String> keys = new ArrayList<>();
        for (String field : List.of("data", "binaryData", "stringData")) {
            keys.addAll(map(configMapOrSecret.get(field)).keySet());
        }
        return keys;
    }
}
