package com.mindflow.system.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static com.mindflow.system.compose.Manifests.containers;
import static com.mindflow.system.compose.Manifests.find;
import static com.mindflow.system.compose.Manifests.findGenerated;
import static com.mindflow.system.compose.Manifests.keys;
import static com.mindflow.system.compose.Manifests.kind;
import static com.mindflow.system.compose.Manifests.name;
import static com.mindflow.system.compose.Manifests.ofKind;
import static com.mindflow.system.compose.Manifests.podLabels;
import static com.mindflow.system.compose.Manifests.podSpec;
import static com.mindflow.system.compose.Yamls.at;
import static com.mindflow.system.compose.Yamls.list;
import static com.mindflow.system.compose.Yamls.map;
import static com.mindflow.system.compose.Yamls.maps;
import static com.mindflow.system.compose.Yamls.str;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the Kubernetes manifests under k8s/. Where kubectl exists, {@code kubectl kustomize} renders the base and
 * the local overlay and the result is checked; kubectl is no Debian package and may be missing (CI), so the same
 * checks also run on what {@link Kustomizations} assembles from the files, and every file must parse and be
 * referenced. Nothing here is ever skipped.
 */
class KustomizeRenderIT {

    static final String NAMESPACE = "mindflow";
    static final Map<String, Integer> APPS = DockerComposeConfigIT.APPS;
    static final Set<String> STORES = DockerComposeConfigIT.STORE_IMAGES.keySet();
    static final Set<String> SECRET_KEYS = Set.of("MINDFLOW_DB_PASSWORD", "SPRING_DATASOURCE_PASSWORD",
            "MINDFLOW_S3_SECRET_KEY");

    private final Path root = Repo.root();
    private final Path k8s = root.resolve("k8s");
    private final Path localOverlay = k8s.resolve("overlays/local");

    @Test
    void theLocalOverlayRendersToTheWholeSystem() {
        Optional<Path> kubectl = Tools.onPath("kubectl");
        if (kubectl.isPresent()) {
            List<Map<String, Object>> rendered = kustomize(kubectl.get(), localOverlay);
            checkLocalOverlay(rendered);
            // What only the real renderer does: the overlay's patch and the generated names' hash suffixes.
            Map<String, Object> ingress = find(rendered, "Ingress", "api-gateway").orElseThrow();
            assertThat(str(at(ingress, "spec", "ingressClassName"))).isEqualTo("nginx");
            assertThat(str(at(map(list(at(ingress, "spec", "rules")).getFirst()), "host")))
                    .isEqualTo("mindflow.localhost");
            assertThat(findGenerated(rendered, "ConfigMap", "mindflow-config").map(Manifests::name).orElseThrow())
                    .as("generated names carry a content hash").startsWith("mindflow-config-");

            List<Map<String, Object>> base = kustomize(kubectl.get(), k8s.resolve("base"));
            assertThat(ofKind(base, "Deployment")).as("Deployments of the base").hasSize(APPS.size());
            assertThat(ofKind(base, "StatefulSet")).as("the base brings no stores").isEmpty();
            Map<String, Object> placeholders = findGenerated(base, "Secret", "mindflow-secrets").orElseThrow();
            assertThat(keys(placeholders)).containsAll(SECRET_KEYS);
        } else {
            // No kubectl on this machine: check the same things on the assembled manifests (see the class comment).
            checkLocalOverlay(Kustomizations.build(localOverlay));
        }
    }

    /** Always runs, kubectl or not, so the kubectl-less path stays honest. */
    @Test
    void theAssembledLocalOverlayPassesTheSameChecks() {
        List<Map<String, Object>> assembled = Kustomizations.build(localOverlay);
        checkLocalOverlay(assembled);
        Map<String, Object> secret = find(assembled, "Secret", "mindflow-secrets").orElseThrow();
        assertThat(map(secret.get("data"))).as("the local overlay replaces the placeholder secrets")
                .containsEntry("MINDFLOW_DB_PASSWORD", "mindflow")
                .containsEntry("MINDFLOW_S3_SECRET_KEY", "mindflow-secret");
    }

    @Test
    void everyFileParsesAndEveryReferenceResolves() throws IOException {
        List<Path> dirs = Kustomizations.kustomizationDirs(k8s);
        assertThat(dirs).as("kustomizations under k8s/").contains(k8s.resolve("base"), localOverlay);

        Set<Path> referenced = new HashSet<>();
        Set<Path> patches = new HashSet<>();
        for (Path dir : dirs) {
            Map<String, Object> kustomization = Kustomizations.kustomization(dir);
            assertThat(kustomization.keySet()).as("fields of %s/kustomization.yaml", k8s.relativize(dir))
                    .isSubsetOf(Kustomizations.KNOWN_FIELDS);
            assertThat(str(kustomization.get("kind"))).isEqualTo("Kustomization");
            for (Path path : Kustomizations.referencedPaths(dir, kustomization)) {
                assertThat(path).as("referenced by %s/kustomization.yaml", k8s.relativize(dir)).exists();
                if (Files.isDirectory(path)) {
                    assertThat(path.resolve("kustomization.yaml")).as("a directory resource is a kustomization")
                            .isRegularFile();
                }
                referenced.add(path);
            }
            for (Object patch : list(kustomization.get("patches"))) {
                patches.add(dir.resolve(str(map(patch).get("path"))).normalize());
            }
        }

        List<Path> yamlFiles;
        try (Stream<Path> files = Files.walk(k8s)) {
            yamlFiles = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                    .toList();
        }
        for (Path file : yamlFiles) {
            List<Object> documents = Yamls.loadAll(Repo.read(file));
            assertThat(documents).as("%s has content", k8s.relativize(file)).isNotEmpty();
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            assertThat(referenced).as("%s is used by a kustomization", k8s.relativize(file)).contains(file);
            if (patches.contains(file)) {
                continue;
            }
            for (Object document : documents) {
                Map<String, Object> object = map(document);
                assertThat(str(object.get("apiVersion"))).as("apiVersion in %s", k8s.relativize(file)).isNotBlank();
                assertThat(str(object.get("kind"))).as("kind in %s", k8s.relativize(file)).isNotBlank();
                assertThat(str(at(object, "metadata", "name"))).as("metadata.name in %s", k8s.relativize(file))
                        .isNotBlank();
            }
        }
    }

    @Test
    void theBucketJobRunsTheSameScriptAsCompose() {
        assertThat(Repo.read(localOverlay.resolve("create-bucket.sh")))
                .as("k8s/overlays/local/create-bucket.sh is a copy of docker/s3/create-bucket.sh (kustomize reads "
                        + "no file outside the overlay)")
                .isEqualTo(Repo.read(root.resolve("docker/s3/create-bucket.sh")));
    }

    // ------------------------------------------------------------------------------------------------------------

    private List<Map<String, Object>> kustomize(Path kubectl, Path dir) {
        Tools.Result result = Tools.run(root, Duration.ofMinutes(2),
                List.of(kubectl.toString(), "kustomize", dir.toString()));
        assertThat(result.exitCode()).as("kubectl kustomize %s:\n%s", root.relativize(dir), result.describe())
                .isZero();
        return Yamls.loadAll(result.stdout()).stream().map(Yamls::map).toList();
    }

    /** What the local overlay must contain, rendered by kubectl or assembled by {@link Kustomizations}. */
    void checkLocalOverlay(List<Map<String, Object>> objects) {
        assertThat(find(objects, "Namespace", NAMESPACE)).as("Namespace %s", NAMESPACE).isPresent();
        for (Map<String, Object> object : objects) {
            if (!"Namespace".equals(kind(object))) {
                assertThat(str(at(object, "metadata", "namespace"))).as("namespace of %s %s", kind(object), name(object))
                        .isEqualTo(NAMESPACE);
            }
        }

        Map<String, Object> config = findGenerated(objects, "ConfigMap", "mindflow-config").orElseThrow(
                () -> new AssertionError("no ConfigMap mindflow-config"));
        Map<String, Object> secret = findGenerated(objects, "Secret", "mindflow-secrets").orElseThrow(
                () -> new AssertionError("no Secret mindflow-secrets"));
        assertThat(keys(secret)).as("keys of mindflow-secrets").containsExactlyInAnyOrderElementsOf(SECRET_KEYS);
        assertThat(keys(config)).as("no secret in the ConfigMap").doesNotContainAnyElementsOf(SECRET_KEYS);
        assertThat(keys(config)).as("keys of mindflow-config: the variables of docker-compose.yml")
                .containsAll(composeVariablesExceptSecrets());

        APPS.forEach((app, port) -> checkApp(objects, app, port, name(config), name(secret)));
        checkMigrator(objects);
        checkIngress(objects);
        checkStores(objects);
        checkReferences(objects);
        checkServicesSelectPods(objects);
    }

    private void checkApp(List<Map<String, Object>> objects, String app, int port, String config, String secret) {
        Map<String, Object> deployment = find(objects, "Deployment", app).orElseThrow(
                () -> new AssertionError("no Deployment " + app));
        List<Map<String, Object>> containers = maps(podSpec(deployment).get("containers"));
        assertThat(containers).as("containers of %s", app).hasSize(1);
        Map<String, Object> container = containers.getFirst();
        assertThat(str(container.get("image"))).as("image of %s", app).isEqualTo("mindflow/" + app + ":local");

        Map<String, Object> httpPort = maps(container.get("ports")).stream()
                .filter(p -> Integer.valueOf(port).equals(p.get("containerPort"))).findFirst()
                .orElseThrow(() -> new AssertionError(app + " does not expose " + port));
        Set<Object> portRefs = Set.of(port, str(httpPort.get("name")));
        // The gateway's actuator is on its unrouted management port; its client port has /livez and /readyz only.
        boolean gateway = app.equals("api-gateway");
        assertThat(str(at(container, "livenessProbe", "httpGet", "path"))).as("liveness probe of %s", app)
                .isEqualTo(gateway ? "/livez" : "/actuator/health/liveness");
        assertThat(str(at(container, "readinessProbe", "httpGet", "path"))).as("readiness probe of %s", app)
                .isEqualTo(gateway ? "/readyz" : "/actuator/health/readiness");
        assertThat(at(container, "livenessProbe", "httpGet", "port")).isIn(portRefs);
        assertThat(at(container, "readinessProbe", "httpGet", "port")).isIn(portRefs);
        for (String bound : List.of("requests", "limits")) {
            assertThat(map(at(container, "resources", bound))).as("resources.%s of %s", bound, app)
                    .containsKeys("cpu", "memory");
        }
        assertThat(at(podSpec(deployment), "securityContext", "runAsNonRoot")).as("%s runs as non-root", app)
                .isEqualTo(Boolean.TRUE);

        Set<String> envFrom = new LinkedHashSet<>();
        for (Map<String, Object> source : maps(container.get("envFrom"))) {
            Optional.ofNullable(str(at(source, "configMapRef", "name"))).ifPresent(envFrom::add);
            Optional.ofNullable(str(at(source, "secretRef", "name"))).ifPresent(envFrom::add);
        }
        assertThat(envFrom).as("envFrom of %s", app).contains(config);
        if (app.equals("api-gateway")) {
            assertThat(envFrom).as("the gateway holds no store credentials").doesNotContain(secret);
        } else {
            assertThat(envFrom).as("envFrom of %s", app).contains(secret);
        }
        Map<String, String> env = new LinkedHashMap<>();
        maps(container.get("env")).forEach(e -> env.put(str(e.get("name")), str(e.get("value"))));
        assertThat(env).as("env of %s", app).containsEntry("SERVER_PORT", String.valueOf(port));

        Map<String, Object> service = find(objects, "Service", app).orElseThrow(
                () -> new AssertionError("no Service " + app));
        assertThat(maps(at(service, "spec", "ports"))).as("ports of Service %s", app)
                .anySatisfy(p -> assertThat(p.get("port")).isEqualTo(port));
    }

    private void checkMigrator(List<Map<String, Object>> objects) {
        Map<String, Object> job = find(objects, "Job", "db-migrations").orElseThrow(
                () -> new AssertionError("no Job db-migrations"));
        Map<String, Object> container = maps(podSpec(job).get("containers")).getFirst();
        assertThat(str(container.get("image"))).isEqualTo("mindflow/db-migrations:local");
        assertThat(maps(container.get("env")).stream().map(e -> str(e.get("name"))).toList())
                .as("the migrator's connection settings")
                .contains("MINDFLOW_DB_HOST", "MINDFLOW_DB_PORT", "MINDFLOW_DB_USER", "MINDFLOW_DB_PASSWORD");
        assertThat(str(podSpec(job).get("restartPolicy"))).isIn("Never", "OnFailure");
    }

    private void checkIngress(List<Map<String, Object>> objects) {
        List<Map<String, Object>> ingresses = ofKind(objects, "Ingress");
        assertThat(ingresses).as("one Ingress, for the gateway").hasSize(1);
        Set<String> backends = new TreeSet<>();
        for (Map<String, Object> rule : maps(at(ingresses.getFirst(), "spec", "rules"))) {
            for (Map<String, Object> path : maps(at(rule, "http", "paths"))) {
                Map<String, Object> backend = map(at(path, "backend", "service"));
                String serviceName = str(backend.get("name"));
                backends.add(serviceName);
                Map<String, Object> service = find(objects, "Service", serviceName).orElseThrow(
                        () -> new AssertionError("Ingress backend " + serviceName + " is no Service"));
                Object port = at(backend, "port", "name") != null ? at(backend, "port", "name")
                        : at(backend, "port", "number");
                assertThat(maps(at(service, "spec", "ports"))).as("port %s of Service %s", port, serviceName)
                        .anySatisfy(p -> assertThat(List.of(p.get("port"), String.valueOf(p.get("name"))))
                                .contains(port));
            }
        }
        assertThat(backends).containsExactly("api-gateway");
    }

    private void checkStores(List<Map<String, Object>> objects) {
        Map<String, Object> compose = map(Yamls.parser().load(Repo.read(root.resolve("docker-compose.yml"))));
        for (String store : STORES) {
            Map<String, Object> statefulSet = find(objects, "StatefulSet", store).orElseThrow(
                    () -> new AssertionError("no StatefulSet " + store));
            String composeImage = str(at(compose, "services", store, "image"));
            assertThat(containers(statefulSet)).as("%s runs the image docker-compose.yml runs", store)
                    .anySatisfy(c -> assertThat(str(c.get("image"))).isEqualTo(composeImage));
            assertThat(maps(at(statefulSet, "spec", "volumeClaimTemplates"))).as("%s keeps its data", store)
                    .isNotEmpty();
            assertThat(find(objects, "Service", store)).as("Service %s", store).isPresent();
            for (Map<String, Object> container : containers(statefulSet)) {
                assertThat(container.get("readinessProbe")).as("readiness probe of %s", store).isNotNull();
            }
        }
        assertThat(find(objects, "Job", "s3-init")).as("a Job creates the bucket").isPresent();
    }

    /** Every ConfigMap, Secret and PVC a pod names exists, and so does every key it reads. */
    private void checkReferences(List<Map<String, Object>> objects) {
        for (Map<String, Object> object : objects) {
            Map<String, Object> spec = podSpec(object);
            if (spec.isEmpty()) {
                continue;
            }
            String owner = kind(object) + " " + name(object);
            for (Map<String, Object> volume : maps(spec.get("volumes"))) {
                Optional.ofNullable(str(at(volume, "configMap", "name")))
                        .ifPresent(n -> require(objects, "ConfigMap", n, null, owner));
                Optional.ofNullable(str(at(volume, "secret", "secretName")))
                        .ifPresent(n -> require(objects, "Secret", n, null, owner));
                Optional.ofNullable(str(at(volume, "persistentVolumeClaim", "claimName")))
                        .ifPresent(n -> require(objects, "PersistentVolumeClaim", n, null, owner));
            }
            for (Map<String, Object> container : containers(object)) {
                Set<String> defined = new HashSet<>();
                for (Map<String, Object> source : maps(container.get("envFrom"))) {
                    Optional.ofNullable(str(at(source, "configMapRef", "name")))
                            .ifPresent(n -> defined.addAll(keys(require(objects, "ConfigMap", n, null, owner))));
                    Optional.ofNullable(str(at(source, "secretRef", "name")))
                            .ifPresent(n -> defined.addAll(keys(require(objects, "Secret", n, null, owner))));
                }
                for (Map<String, Object> env : maps(container.get("env"))) {
                    Map<String, Object> from = map(env.get("valueFrom"));
                    if (from.get("configMapKeyRef") != null) {
                        require(objects, "ConfigMap", str(at(from, "configMapKeyRef", "name")),
                                str(at(from, "configMapKeyRef", "key")), owner);
                    }
                    if (from.get("secretKeyRef") != null) {
                        require(objects, "Secret", str(at(from, "secretKeyRef", "name")),
                                str(at(from, "secretKeyRef", "key")), owner);
                    }
                    // $(VAR) is expanded by the kubelet only from variables defined before it.
                    String value = str(env.get("value"));
                    if (value != null) {
                        Matcher m = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)").matcher(value);
                        while (m.find()) {
                            assertThat(defined).as("$(%s) in %s of %s", m.group(1), env.get("name"), owner)
                                    .contains(m.group(1));
                        }
                    }
                    defined.add(str(env.get("name")));
                }
            }
        }
    }

    private void checkServicesSelectPods(List<Map<String, Object>> objects) {
        for (Map<String, Object> service : ofKind(objects, "Service")) {
            Map<String, Object> selector = map(at(service, "spec", "selector"));
            assertThat(selector).as("selector of Service %s", name(service)).isNotEmpty();
            List<Map<String, Object>> workloads = objects.stream()
                    .filter(o -> !podSpec(o).isEmpty() && !"Job".equals(kind(o)))
                    .filter(o -> podLabels(o).entrySet().containsAll(selector.entrySet()))
                    .toList();
            assertThat(workloads).as("pods selected by Service %s", name(service)).hasSize(1);
            Set<Object> containerPorts = new HashSet<>();
            for (Map<String, Object> container : containers(workloads.getFirst())) {
                for (Map<String, Object> port : maps(container.get("ports"))) {
                    containerPorts.add(port.get("containerPort"));
                    containerPorts.add(str(port.get("name")));
                }
            }
            for (Map<String, Object> port : maps(at(service, "spec", "ports"))) {
                Object target = port.get("targetPort") != null ? port.get("targetPort") : port.get("port");
                assertThat(containerPorts).as("targetPort %s of Service %s", target, name(service)).contains(target);
            }
        }
    }

    private static Map<String, Object> require(List<Map<String, Object>> objects, String kind, String name, String key,
            String owner) {
        Map<String, Object> target = find(objects, kind, name).orElseThrow(
                () -> new AssertionError(owner + " refers to " + kind + " " + name + ", which does not exist"));
        if (key != null) {
            assertThat(keys(target)).as("%s reads key %s of %s %s", owner, key, kind, name).contains(key);
        }
        return target;
    }

    /** The store settings every service container gets in docker-compose.yml, minus passwords. */
    private Set<String> composeVariablesExceptSecrets() {
        Map<String, Object> compose = map(Yamls.parser().load(Repo.read(root.resolve("docker-compose.yml"))));
        Set<String> names = new TreeSet<>(map(compose.get("x-service-env")).keySet());
        names.addAll(List.of("MINDFLOW_AUTH_URL", "MINDFLOW_COMMAND_URL", "MINDFLOW_QUERY_URL",
                "MINDFLOW_AI_URL", "MINDFLOW_DB_HOST", "MINDFLOW_DB_PORT"));
        names.removeAll(SECRET_KEYS);
        return names;
    }
}
