package com.mindflow.system.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static com.mindflow.system.compose.Yamls.list;
import static com.mindflow.system.compose.Yamls.map;
import static com.mindflow.system.compose.Yamls.maps;
import static com.mindflow.system.compose.Yamls.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The part of kustomize these manifests use, for machines without kubectl (it is no Debian package): resources
 * (files and directories), namespace, ConfigMap/Secret generators (envs, files, literals; create/replace/merge) and
 * image tags. Patches are not applied, and generated names get no hash suffix. Good enough to check what the
 * manifests contain and how they reference each other; kubectl renders the real thing where it exists.
 */
final class Kustomizations {

    /** The fields this project's kustomization files may use; anything else is most likely a typo. */
    static final Set<String> KNOWN_FIELDS = Set.of("apiVersion", "kind", "namespace", "resources", "labels",
            "configMapGenerator", "secretGenerator", "images", "patches");

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private Kustomizations() {
    }

    static Map<String, Object> kustomization(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        assertThat(file).as("kustomization in %s", dir).isRegularFile();
        return map(Yamls.parser().load(Repo.read(file)));
    }

    /** Every object the kustomization in {@code dir} produces (see the class comment for what is left out). */
    static List<Map<String, Object>> build(Path dir) {
        Map<String, Object> kustomization = kustomization(dir);
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : list(kustomization.get("resources"))) {
            Path path = dir.resolve(str(resource)).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(build(path));
            } else {
                Yamls.loadAll(Repo.read(path)).forEach(document -> objects.add(map(document)));
            }
        }
        generate(dir, "ConfigMap", kustomization.get("configMapGenerator"), objects);
        generate(dir, "Secret", kustomization.get("secretGenerator"), objects);

        String namespace = str(kustomization.get("namespace"));
        if (namespace != null) {
            for (Map<String, Object> object : objects) {
                if (!CLUSTER_SCOPED.contains(str(object.get("kind")))) {
                    map(object.get("metadata")).put("namespace", namespace);
                }
            }
        }
        for (Map<String, Object> image : maps(kustomization.get("images"))) {
            retag(objects, str(image.get("name")), str(image.get("newTag")));
        }
        return objects;
    }

    /** Generator data: KEY=VALUE lines of env files, whole files (key = file name) and literals. */
    static Map<String, String> generatorData(Path dir, Map<String, Object> generator) {
        Map<String, String> data = new LinkedHashMap<>();
        for (Object env : list(generator.get("envs"))) {
            for (String line : Repo.read(dir.resolve(str(env))).lines().toList()) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                assertThat(eq).as("KEY=VALUE line in %s: %s", env, line).isPositive();
                data.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
        }
        for (Object file : list(generator.get("files"))) {
            String spec = str(file);
            int eq = spec.indexOf('=');
            String key = eq < 0 ? Path.of(spec).getFileName().toString() : spec.substring(0, eq);
            data.put(key, Repo.read(dir.resolve(eq < 0 ? spec : spec.substring(eq + 1))));
        }
        for (Object literal : list(generator.get("literals"))) {
            String spec = str(literal);
            int eq = spec.indexOf('=');
            data.put(spec.substring(0, eq), spec.substring(eq + 1));
        }
        return data;
    }

    /** The files a kustomization names: resources, patches, generator inputs. */
    static List<Path> referencedPaths(Path dir, Map<String, Object> kustomization) {
        List<Path> paths = new ArrayList<>();
        list(kustomization.get("resources")).forEach(r -> paths.add(dir.resolve(str(r)).normalize()));
        for (Object patch : list(kustomization.get("patches"))) {
            Object path = map(patch).get("path");
            if (path != null) {
                paths.add(dir.resolve(str(path)).normalize());
            }
        }
        for (String generatorKind : List.of("configMapGenerator", "secretGenerator")) {
            for (Map<String, Object> generator : maps(kustomization.get(generatorKind))) {
                list(generator.get("envs")).forEach(e -> paths.add(dir.resolve(str(e)).normalize()));
                for (Object file : list(generator.get("files"))) {
                    String spec = str(file);
                    int eq = spec.indexOf('=');
                    paths.add(dir.resolve(eq < 0 ? spec : spec.substring(eq + 1)).normalize());
                }
            }
        }
        return paths;
    }

    static List<Path> kustomizationDirs(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                    .map(Path::getParent).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void generate(Path dir, String kind, Object generators, List<Map<String, Object>> objects) {
        for (Map<String, Object> generator : maps(generators)) {
            String name = str(generator.get("name"));
            String behavior = generator.get("behavior") == null ? "create" : str(generator.get("behavior"));
            Map<String, String> data = generatorData(dir, generator);
            Map<String, Object> existing = objects.stream()
                    .filter(o -> kind.equals(o.get("kind")) && name.equals(Yamls.at(o, "metadata", "name")))
                    .findFirst().orElse(null);
            switch (behavior) {
                case "create" -> {
                    assertThat(existing).as("%s %s generated twice in %s", kind, name, dir).isNull();
                    objects.add(object(kind, name, data));
                }
                case "replace" -> {
                    assertThat(existing).as("%s %s to replace, from a base of %s", kind, name, dir).isNotNull();
                    objects.remove(existing);
                    objects.add(object(kind, name, data));
                }
                case "merge" -> {
                    assertThat(existing).as("%s %s to merge into, from a base of %s", kind, name, dir).isNotNull();
                    Map<String, Object> merged = new LinkedHashMap<>(map(existing.get("data")));
                    merged.putAll(data);
                    existing.put("data", merged);
                }
                default -> fail("unknown generator behavior " + behavior + " in " + dir);
            }
        }
    }

    private static Map<String, Object> object(String kind, String name, Map<String, String> data) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "v1");
        object.put("kind", kind);
        object.put("metadata", metadata);
        object.put("data", new LinkedHashMap<String, Object>(data));
        return object;
    }

    private static void retag(List<Map<String, Object>> objects, String name, String newTag) {
        if (newTag == null) {
            return;
        }
        for (Map<String, Object> object : objects) {
            for (Map<String, Object> container : Manifests.containers(object)) {
                String image = str(container.get("image"));
                if (image != null && (image.equals(name) || image.startsWith(name + ":"))) {
                    container.put("image", name + ":" + newTag);
                }
            }
        }
    }
}
