package com.mindflow.system.deploy;

import com.mindflow.system.client.WalkingSkeleton;
import com.mindflow.system.compose.Repo;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The local Kubernetes overlay run for real: {@code kubectl kustomize k8s/overlays/local}, its Deployments and Jobs
 * through {@code podman play kube}, the walking-skeleton journey through the gateway pod.
 * <p>
 * What podman 4.3's play kube does not do, this test does the way a cluster would, and nothing more:
 * <ul>
 * <li>Secrets ("not valid JSON" in play kube): created with {@code podman secret create} as flat JSON, which
 * {@code secretRef}/{@code secretKeyRef} then read;</li>
 * <li>Services (ignored): each Deployment's pod joins the network under the name of the Service selecting it;</li>
 * <li>{@code $(VAR)} in env values (passed literally): expanded as the kubelet expands them;</li>
 * <li>Jobs (unsupported kind): their pod template runs as a Pod, which must exit 0;</li>
 * <li>readiness probes (no kubelet): the test runs each httpGet readiness probe itself before the journey;</li>
 * <li>the stores' StatefulSets (third-party images that cannot be pulled here): the substitutes of
 * docker/compose.substitutes.yml run as Testcontainers containers under the stores' Service names.</li>
 * </ul>
 */
class KubeDeployIT {

    private static final String NETWORK = "mindflow-kube";
    private static final String LABEL = "mindflow.verify-deploy";
    private static final Pattern VAR = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private static DeployHost host;
    private static final List<GenericContainer<?>> stores = new ArrayList<>();
    private static final List<String> pods = new ArrayList<>();
    private static final List<String> secrets = new ArrayList<>();
    private static final List<String> volumes = new ArrayList<>();

    @BeforeAll
    static void start() {
        host = DeployHost.fromEnvironment();
        host.podman(Duration.ofSeconds(30), "network", "rm", "-f", NETWORK);
        host.podman(Duration.ofSeconds(30), "network", "create", "--label", LABEL, NETWORK).ok();
    }

    @AfterAll
    static void stop() {
        try {
            for (String pod : pods) {
                host.podman(Duration.ofSeconds(90), "pod", "rm", "-f", pod);
            }
            stores.forEach(GenericContainer::stop);
            for (String secret : secrets) {
                host.podman(Duration.ofSeconds(30), "secret", "rm", secret);
            }
            for (String volume : volumes) {
                host.podman(Duration.ofSeconds(30), "volume", "rm", "-f", volume);
            }
            host.podman(Duration.ofSeconds(30), "network", "rm", "-f", NETWORK);
        }
        finally {
            host.close();
        }
    }

    @Test
    void theLocalOverlayRunsTheJourneyInPods() {
        List<Map<String, Object>> manifests = render();
        try {
            long t0 = System.nanoTime();
            startStores(manifests);
            long stores = System.nanoTime();
            createSecrets(manifests);
            createVolumes(manifests);
            runJobs(manifests);
            List<Map<String, Object>> deployments = ofKind(manifests, "Deployment");
            for (Map<String, Object> deployment : deployments) {
                play(manifests, deployment, serviceOf(manifests, deployment));
            }
            for (Map<String, Object> deployment : deployments) {
                awaitReadiness(deployment);
            }
            String gateway = podOf(deployments.stream().filter(d -> name(d).equals("api-gateway")).findFirst()
                    .orElseThrow(() -> new AssertionError("the overlay has no api-gateway Deployment")));
            String url = host.forward(host.address(infra(gateway)), 8080);
            DeployHost.awaitOk(url + "/readyz", Duration.ofMinutes(3), KubeDeployIT::logs);
            long ready = System.nanoTime();
            WalkingSkeleton.walk(url, "podman play kube");
            DeployHost.timing("kube", "store substitutes ready", t0, stores);
            DeployHost.timing("kube", "jobs, play kube, until every readiness probe and the gateway pass",
                    stores, ready);
            DeployHost.timing("kube", "journey", ready, System.nanoTime());
        }
        catch (RuntimeException | AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + logs(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ rendering

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> render() {
        DeployHost.Result rendered = DeployHost.run(List.of("kubectl", "kustomize",
                host.root.resolve("k8s/overlays/local").toString()), null, Duration.ofMinutes(1)).ok();
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (Object document : new Yaml().loadAll(rendered.stdout())) {
            if (document instanceof Map<?, ?> map) {
                manifests.add((Map<String, Object>) map);
            }
        }
        return manifests;
    }

    // ------------------------------------------------------------------------------------------------ stores

    /**
     * One substitute per store StatefulSet, configured as docker/compose.substitutes.yml configures the compose
     * service of the same name (one source for both runs), reachable under the StatefulSet's Service name.
     */
    @SuppressWarnings("unchecked")
    private static void startStores(List<Map<String, Object>> manifests) {
        Map<String, Object> substitutes = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(
                Repo.read(host.root.resolve("docker/compose.substitutes.yml")))).get("services");
        Network network = new Network() {   // created above with podman: play kube joins it by name
            @Override
            public String getId() {
                return NETWORK;
            }

            @Override
            public void close() {
            }
        };
        for (Map<String, Object> statefulSet : ofKind(manifests, "StatefulSet")) {
            String service = serviceOf(manifests, statefulSet);
            Map<String, Object> substitute = (Map<String, Object>) substitutes.get(name(statefulSet));
            if (substitute == null || !substitute.containsKey("command")) {
                fail("no substitute in docker/compose.substitutes.yml for the store StatefulSet %s", name(statefulSet));
            }
            GenericContainer<?> store = new GenericContainer<>(DockerImageName.parse(host.storeImage))
                    .withImagePullPolicy(image -> false)    // built locally by verify-deploy
                    .withNetwork(network)
                    .withNetworkAliases(service)
                    .withLabel(LABEL, "kube")
                    // Named after the store, so a failure and target/deploy/kube/ name it.
                    .withCreateContainerCmdModifier(cmd -> cmd.withName("mindflow-kube-" + service))
                    .withCommand(((List<Object>) substitute.get("command")).stream().map(String::valueOf)
                            .toArray(String[]::new))
                    .waitingFor(Wait.forSuccessfulCommand("/usr/local/bin/mindflow-store-ready")
                            .withStartupTimeout(Duration.ofMinutes(6)));
            ((Map<String, Object>) substitute.getOrDefault("environment", Map.of()))
                    .forEach((key, value) -> store.withEnv(key, String.valueOf(value)));
            stores.add(store);
        }
        try {
            Startables.deepStart(stores).join();
        }
        catch (RuntimeException e) {
            throw new AssertionError("a store substitute did not become ready: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ secrets, volumes

    @SuppressWarnings("unchecked")
    private static void createSecrets(List<Map<String, Object>> manifests) {
        for (Map<String, Object> secret : ofKind(manifests, "Secret")) {
            Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) secret.getOrDefault("data", Map.of()));
            ((Map<String, Object>) secret.getOrDefault("stringData", Map.of())).forEach((key, value) -> data.put(key,
                    Base64.getEncoder().encodeToString(String.valueOf(value).getBytes(StandardCharsets.UTF_8))));
            StringBuilder json = new StringBuilder("{");
            data.forEach((key, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(key)
                    .append("\":\"").append(value).append('"'));
            Path file = write(name(secret) + ".json", json.append('}').toString());
            host.podman(Duration.ofSeconds(30), "secret", "rm", name(secret));
            host.podman(Duration.ofSeconds(30), "secret", "create", name(secret), file.toString()).ok();
            secrets.add(name(secret));
        }
    }

    private static void createVolumes(List<Map<String, Object>> manifests) {
        for (Map<String, Object> claim : ofKind(manifests, "PersistentVolumeClaim")) {
            host.podman(Duration.ofSeconds(30), "volume", "rm", "-f", name(claim));
            volumes.add(name(claim));
            // --network: without it play kube makes (and leaves) podman-default-kube-network.
            host.podmanWithInput(dump(List.of(claim)), Duration.ofMinutes(1), "play", "kube", "--network", NETWORK,
                    "-").ok();
        }
    }

    // ------------------------------------------------------------------------------------------------ jobs

    /** Each Job's pod template as a Pod (restartPolicy Never), run to completion before the Deployments. */
    @SuppressWarnings("unchecked")
    private static void runJobs(List<Map<String, Object>> manifests) {
        List<String> jobPods = new ArrayList<>();
        for (Map<String, Object> job : ofKind(manifests, "Job")) {
            Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) job.get("spec"))
                    .get("template");
            Map<String, Object> spec = (Map<String, Object>) template.get("spec");
            for (Map<String, Object> container : (List<Map<String, Object>>) spec.get("containers")) {
                // s3-init runs on the s3proxy image for its shell and curl: the substitute has both (as in compose).
                if (!String.valueOf(container.get("image")).startsWith("mindflow/")) {
                    container.put("image", host.storeImage);
                }
            }
            Map<String, Object> labels = new LinkedHashMap<>(labels(template.get("metadata")));
            labels.put(LABEL, "kube");
            Map<String, Object> pod = new LinkedHashMap<>();
            pod.put("apiVersion", "v1");
            pod.put("kind", "Pod");
            pod.put("metadata", Map.of("name", name(job), "labels", labels));
            pod.put("spec", spec);
            play(manifests, pod, null);
            jobPods.add(name(job));
        }
        for (String pod : jobPods) {
            awaitCompletion(pod);
        }
    }

    private static void awaitCompletion(String pod) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            for (String container : podContainers(pod)) {
                String[] state = host.podman(Duration.ofSeconds(30), "inspect", "--format",
                        "{{.State.Status}} {{.State.ExitCode}}", container).ok().stdout().strip().split(" ");
                if (state[0].equals("exited") && !state[1].equals("0")) {
                    fail("Job %s: container %s exited with %s\n%s", pod, container, state[1], logs());
                }
                if (state[0].equals("exited")) {
                    return;
                }
            }
            DeployHost.sleep(2_000);
        }
        fail("Job %s did not complete within 5 minutes\n%s", pod, logs());
    }

    // ------------------------------------------------------------------------------------------------ play kube

    /**
     * {@code podman play kube} of one workload with the ConfigMaps it may read, on the network, under its Service's
     * name ({@code --network NAME:alias=SERVICE}: the pod's infra container holds the network for the pod).
     */
    @SuppressWarnings("unchecked")
    private static void play(List<Map<String, Object>> manifests, Map<String, Object> workload, String service) {
        Map<String, Object> podSpec = podSpec(workload);
        // play kube turns a configMap volume into a podman volume of the ConfigMap's name: removed in stop().
        for (Map<String, Object> volume : (List<Map<String, Object>>) podSpec.getOrDefault("volumes", List.of())) {
            if (volume.get("configMap") instanceof Map<?, ?> configMap && !volumes.contains(configMap.get("name"))) {
                volumes.add(String.valueOf(configMap.get("name")));
            }
        }
        for (Map<String, Object> container : (List<Map<String, Object>>) podSpec.get("containers")) {
            expandVariables(manifests, container);
        }
        if (workload.get("kind").equals("Deployment")) {
            Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) workload.get("spec"))
                    .get("template");
            Map<String, Object> metadata = (Map<String, Object>) template.computeIfAbsent("metadata",
                    key -> new LinkedHashMap<>());
            Map<String, Object> labels = new LinkedHashMap<>(labels(metadata));
            labels.put(LABEL, "kube");
            metadata.put("labels", labels);
        }
        List<Map<String, Object>> documents = new ArrayList<>(ofKind(manifests, "ConfigMap"));
        documents.add(workload);
        String network = service == null ? NETWORK : NETWORK + ":alias=" + service;
        DeployHost.Result played = host.podmanWithInput(dump(documents), Duration.ofMinutes(3),
                "play", "kube", "--network", network, "-");
        String pod = podOf(workload);
        pods.add(pod);
        if (played.exitCode() != 0) {
            fail("podman play kube of %s %s failed: %s", workload.get("kind"), name(workload), played.describe());
        }
    }

    /** What the kubelet does with {@code $(VAR)} in env values: the container's earlier variables replace it. */
    @SuppressWarnings("unchecked")
    private static void expandVariables(List<Map<String, Object>> manifests, Map<String, Object> container) {
        Map<String, String> known = new LinkedHashMap<>();
        for (Map<String, Object> source : (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of())) {
            if (source.get("configMapRef") instanceof Map<?, ?> ref) {
                data(manifests, "ConfigMap", String.valueOf(ref.get("name"))).forEach(known::put);
            }
            if (source.get("secretRef") instanceof Map<?, ?> ref) {
                data(manifests, "Secret", String.valueOf(ref.get("name"))).forEach(known::put);
            }
        }
        for (Map<String, Object> variable : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
            String name = String.valueOf(variable.get("name"));
            if (variable.get("value") instanceof String value) {
                Matcher matcher = VAR.matcher(value);
                String expanded = matcher.replaceAll(m -> Matcher.quoteReplacement(
                        known.getOrDefault(m.group(1), m.group())));
                variable.put("value", expanded);
                known.put(name, expanded);
            }
            else if (variable.get("valueFrom") instanceof Map<?, ?> from) {
                for (String kind : List.of("configMapKeyRef", "secretKeyRef")) {
                    if (from.get(kind) instanceof Map<?, ?> ref) {
                        String value = data(manifests, kind.startsWith("config") ? "ConfigMap" : "Secret",
                                String.valueOf(ref.get("name"))).get(String.valueOf(ref.get("key")));
                        if (value != null) {
                            known.put(name, value);
                        }
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ readiness

    /** Each container's httpGet readiness probe, run inside it (the image has curl) until it answers 2xx. */
    @SuppressWarnings("unchecked")
    private static void awaitReadiness(Map<String, Object> deployment) {
        String pod = podOf(deployment);
        for (Map<String, Object> container : (List<Map<String, Object>>) podSpec(deployment).get("containers")) {
            if (!(container.get("readinessProbe") instanceof Map<?, ?> probe)
                    || !(probe.get("httpGet") instanceof Map<?, ?> get)) {
                continue;
            }
            String port = String.valueOf(get.get("port"));
            for (Map<String, Object> named : (List<Map<String, Object>>) container.getOrDefault("ports", List.of())) {
                if (port.equals(String.valueOf(named.get("name")))) {
                    port = String.valueOf(named.get("containerPort"));
                }
            }
            String url = "http://127.0.0.1:" + port + get.get("path");
            String name = pod + "-" + container.get("name");
            Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
            DeployHost.Result last = null;
            while (Instant.now().isBefore(deadline)) {
                last = host.podman(Duration.ofSeconds(20), "exec", name, "curl", "-fsS", "-o", "/dev/null", url);
                if (last.exitCode() == 0) {
                    break;
                }
                String state = host.podman(Duration.ofSeconds(20), "inspect", "--format", "{{.State.Status}}", name)
                        .stdout().strip();
                if (!state.equals("running")) {
                    fail("Deployment %s: container %s is %s\n%s", name(deployment), name, state, logs());
                }
                DeployHost.sleep(3_000);
            }
            if (last == null || last.exitCode() != 0) {
                fail("Deployment %s: readiness probe %s never passed (%s)\n%s", name(deployment), url,
                        last == null ? "not run" : last.describe(), logs());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> manifests, String kind) {
        return manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static String name(Map<String, Object> manifest) {
        return String.valueOf(((Map<String, Object>) manifest.get("metadata")).get("name"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Object metadata) {
        return metadata instanceof Map<?, ?> map && map.get("labels") instanceof Map<?, ?> labels
                ? (Map<String, Object>) labels : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> podSpec(Map<String, Object> workload) {
        Map<String, Object> spec = (Map<String, Object>) workload.get("spec");
        return workload.get("kind").equals("Pod") ? spec
                : (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
    }

    /** The Service whose selector matches the workload's pod labels. */
    @SuppressWarnings("unchecked")
    private static String serviceOf(List<Map<String, Object>> manifests, Map<String, Object> workload) {
        Map<String, Object> podLabels = labels(((Map<String, Object>) workload.get("spec")).get("template") instanceof
                Map<?, ?> template ? template.get("metadata") : null);
        return ofKind(manifests, "Service").stream()
                .filter(service -> {
                    Map<String, Object> selector = (Map<String, Object>) ((Map<String, Object>) service.get("spec"))
                            .getOrDefault("selector", Map.of());
                    return !selector.isEmpty() && selector.entrySet().stream()
                            .allMatch(e -> String.valueOf(e.getValue())
                                    .equals(String.valueOf(podLabels.get(e.getKey()))));
                })
                .map(KubeDeployIT::name).findFirst()
                .orElseGet(() -> fail("no Service selects the pods of %s %s", workload.get("kind"), name(workload)));
    }

    /** The pod play kube makes: a Deployment's is {@code <name>-pod-0}, a Pod's its own name. */
    private static String podOf(Map<String, Object> workload) {
        return workload.get("kind").equals("Deployment") ? name(workload) + "-pod-0" : name(workload);
    }

    private static String infra(String pod) {
        return host.podman(Duration.ofSeconds(30), "pod", "inspect", "--format", "{{.InfraContainerID}}", pod).ok()
                .stdout().strip();
    }

    private static List<String> podContainers(String pod) {
        return host.containerNames("pod=" + pod).stream().filter(name -> name.startsWith(pod + "-")).toList();
    }

    /** A ConfigMap's data, or a Secret's decoded. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> data(List<Map<String, Object>> manifests, String kind, String name) {
        Map<String, String> values = new LinkedHashMap<>();
        ofKind(manifests, kind).stream().filter(m -> name(m).equals(name)).findFirst().ifPresent(m ->
                ((Map<String, Object>) m.getOrDefault("data", Map.of())).forEach((key, value) -> values.put(key,
                        kind.equals("Secret") ? new String(Base64.getDecoder().decode(String.valueOf(value)),
                                StandardCharsets.UTF_8) : String.valueOf(value))));
        return values;
    }

    private static String dump(List<Map<String, Object>> documents) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dumpAll(documents.iterator());
    }

    private static Path write(String name, String content) {
        try {
            Path dir = host.work.resolve("kube");
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), content);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String logs() {
        List<String> names = new ArrayList<>(host.containerNames("label=" + LABEL));
        for (String pod : pods) {
            names.addAll(podContainers(pod));
        }
        return host.saveLogs("kube", names.stream().distinct().sorted().toList());
    }
}
