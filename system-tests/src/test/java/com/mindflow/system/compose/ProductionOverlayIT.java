package com.mindflow.system.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
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
import static org.assertj.core.api.Assertions.fail;

/**
 * Checks k8s/overlays/production: {@code kubectl kustomize} renders it, every rendered document is validated offline
 * against the Kubernetes API schemas (npm {@code kubernetes-models}) and, for ServiceMonitors, the
 * prometheus-operator CRD schemas ({@code @kubernetes-models/prometheus-operator}) by
 * {@code system-tests/src/test/k8s-validate/validate.mjs}, and the rules of the production overlay hold (replicas,
 * autoscaling, disruption budgets, spread, resources, hardening, probes, network policies, credentials only from
 * Secrets, a KafkaTopic for every topic of shared-events' Topics).
 *
 * <p>The custom resources of CloudNativePG, Strimzi, ECK and the MongoDB Community Operator are not schema-checked:
 * no npm or Maven Central package ships their CRDs' schemas. Their essential fields are asserted here instead.
 *
 * <p>Needs kubectl (with its built-in kustomize), node and npm; without them the test fails and says so (the
 * Kustomizations assembler that stands in for kubectl in KustomizeRenderIT applies no patches, and this overlay is
 * mostly patches). npm installs the pinned packages of package-lock.json into target/k8s-validate once
 * ({@code npm ci --prefer-offline}).
 */
class ProductionOverlayIT {

    static final Map<String, Integer> APPS = DockerComposeConfigIT.APPS;
    static final String GATEWAY = "api-gateway";

    /** Custom resources no package ships a schema for: the validator must report exactly these kinds unchecked. */
    static final Set<String> UNCHECKED_KINDS = Set.of(
            "postgresql.cnpg.io/v1 Cluster",
            "kafka.strimzi.io/v1beta2 Kafka",
            "kafka.strimzi.io/v1beta2 KafkaNodePool",
            "kafka.strimzi.io/v1beta2 KafkaTopic",
            "kafka.strimzi.io/v1beta2 KafkaUser",
            "elasticsearch.k8s.elastic.co/v1 Elasticsearch",
            "mongodbcommunity.mongodb.com/v1 MongoDBCommunity");

    /** Environment variables that carry a credential (or a connection string that embeds one). */
    static final Pattern CREDENTIAL_ENV = Pattern.compile(
            ".*(PASSWORD|SECRET|ACCESS_KEY|API_KEY|TOKEN|USERNAME|_AUTH|JAAS|MONGODB_URI|_DB_USER)$");
    /** Keys of a Secret or ConfigMap that would hold a credential. */
    static final Pattern CREDENTIAL_KEY = Pattern.compile("(?i).*(password|secret|access[-_.]?key|api[-_.]?key|token|"
            + "credential|jaas|connectionstring).*");

    private static final Path ROOT = Repo.root();
    private static final Path OVERLAY = ROOT.resolve("k8s/overlays/production");
    private static final Path WORK = ROOT.resolve("system-tests/target/production-overlay");

    private static String renderedText;
    private static List<Map<String, Object>> rendered;

    @BeforeAll
    static void render() throws IOException {
        Path kubectl = Tools.onPath("kubectl").orElseGet(() -> fail(
                "kubectl (with its built-in kustomize) is needed to render k8s/overlays/production and is not on the "
                        + "PATH. The Kustomizations assembler that KustomizeRenderIT falls back on applies no patches, "
                        + "and this overlay is mostly patches (replicas, probes, credentials, the placeholder Secret's "
                        + "deletion), so nothing meaningful could be checked. Install kubectl (a release binary, or "
                        + "the Debian/Ubuntu package of Google Cloud's apt repository) and run again."));
        Tools.Result result = Tools.run(ROOT, Duration.ofMinutes(2),
                List.of(kubectl.toString(), "kustomize", OVERLAY.toString()));
        assertThat(result.exitCode()).as("kubectl kustomize k8s/overlays/production:\n%s", result.describe()).isZero();
        renderedText = result.stdout();
        rendered = Yamls.loadAll(renderedText).stream().map(Yamls::map).toList();
        Files.createDirectories(WORK);
        Files.writeString(WORK.resolve("rendered.yaml"), renderedText);
    }

    @Test
    void everyRenderedDocumentValidatesAgainstTheApiSchemas() throws IOException {
        Path validator = installValidator();
        Path node = Tools.onPath("node").orElseGet(() -> fail("node is needed for the offline schema check"));
        Tools.Result result = Tools.run(validator, Duration.ofMinutes(2),
                List.of(node.toString(), "validate.mjs", WORK.resolve("rendered.yaml").toString()));
        Map<String, Object> report;
        try {
            report = map(Yamls.parser().load(result.stdout()));
        } catch (RuntimeException e) {
            throw new AssertionError("validate.mjs printed no report:\n" + result.describe(), e);
        }
        assertThat(list(report.get("errors"))).as("schema errors:\n%s", result.stdout()).isEmpty();
        assertThat(result.exitCode()).as(result.describe()).isZero();

        List<String> checked = list(report.get("checked")).stream().map(String::valueOf).toList();
        Set<String> uncheckedKinds = new TreeSet<>();
        for (Object id : list(report.get("unchecked"))) {
            String[] parts = String.valueOf(id).split(" ");
            uncheckedKinds.add(parts[0] + " " + parts[1]);
        }
        assertThat(uncheckedKinds).as("documents without a schema (README: which CRDs are not checked)")
                .containsExactlyInAnyOrderElementsOf(UNCHECKED_KINDS);
        assertThat(checked.size() + list(report.get("unchecked")).size()).as("every document was looked at")
                .isEqualTo(rendered.size());
        for (Map<String, Object> monitor : ofKind(rendered, "ServiceMonitor")) {
            assertThat(checked).as("ServiceMonitor %s checked against the prometheus-operator CRD", name(monitor))
                    .anySatisfy(c -> assertThat(c).startsWith("monitoring.coreos.com/v1 ServiceMonitor " + name(monitor)
                            + " (@kubernetes-models/prometheus-operator)"));
        }
    }

    @Test
    void everyStatelessServiceIsReplicatedAutoscaledSpreadAndHardened() {
        for (String app : APPS.keySet()) {
            Map<String, Object> deployment = find(rendered, "Deployment", app).orElseThrow(
                    () -> new AssertionError("no Deployment " + app));
            Map<String, Object> spec = map(deployment.get("spec"));
            Map<String, Object> pod = podSpec(deployment);
            Map<String, Object> labels = podLabels(deployment);
            assertThat((Integer) spec.get("replicas")).as("replicas of %s", app).isGreaterThanOrEqualTo(2);
            assertThat(str(at(spec, "strategy", "type"))).as("strategy of %s", app).isEqualTo("RollingUpdate");

            Map<String, Object> hpa = ofKind(rendered, "HorizontalPodAutoscaler").stream()
                    .filter(h -> app.equals(str(at(h, "spec", "scaleTargetRef", "name")))
                            && "Deployment".equals(str(at(h, "spec", "scaleTargetRef", "kind"))))
                    .findFirst().orElseThrow(() -> new AssertionError("no HorizontalPodAutoscaler for " + app));
            assertThat(str(hpa.get("apiVersion"))).isEqualTo("autoscaling/v2");
            assertThat((Integer) at(hpa, "spec", "minReplicas")).as("minReplicas of %s", app).isGreaterThanOrEqualTo(2);
            assertThat((Integer) at(hpa, "spec", "maxReplicas")).isGreaterThan((Integer) at(hpa, "spec", "minReplicas"));

            assertThat(ofKind(rendered, "PodDisruptionBudget")).as("PodDisruptionBudget of %s", app)
                    .anySatisfy(pdb -> assertThat(labels.entrySet())
                            .containsAll(map(at(pdb, "spec", "selector", "matchLabels")).entrySet()));

            Set<String> spreadKeys = new HashSet<>();
            for (Map<String, Object> constraint : maps(pod.get("topologySpreadConstraints"))) {
                assertThat(labels.entrySet()).as("topology spread of %s selects its own pods", app)
                        .containsAll(map(at(constraint, "labelSelector", "matchLabels")).entrySet());
                spreadKeys.add(str(constraint.get("topologyKey")));
            }
            assertThat(spreadKeys).as("topology spread of %s", app)
                    .contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");

            List<Map<String, Object>> containers = maps(pod.get("containers"));
            assertThat(containers).hasSize(1);
            Map<String, Object> container = containers.getFirst();
            for (String bound : List.of("requests", "limits")) {
                assertThat(map(at(container, "resources", bound))).as("resources.%s of %s", bound, app)
                        .containsKeys("cpu", "memory");
            }
            assertThat(mebibytes(str(at(container, "resources", "limits", "memory"))))
                    .as("memory limit above the request for %s", app)
                    .isGreaterThan(mebibytes(str(at(container, "resources", "requests", "memory"))));

            Map<String, Object> security = map(container.get("securityContext"));
            Map<String, Object> podSecurity = map(pod.get("securityContext"));
            assertThat(Optional.ofNullable(security.get("runAsNonRoot")).orElse(podSecurity.get("runAsNonRoot")))
                    .as("%s runs as non-root", app).isEqualTo(Boolean.TRUE);
            assertThat(security.get("readOnlyRootFilesystem")).as("read-only root of %s", app).isEqualTo(Boolean.TRUE);
            assertThat(security.get("allowPrivilegeEscalation")).as("no escalation in %s", app).isEqualTo(Boolean.FALSE);
            assertThat(list(at(security, "capabilities", "drop"))).as("capabilities of %s", app).contains("ALL");
            assertThat(str(Optional.ofNullable(at(security, "seccompProfile", "type"))
                    .orElse(at(podSecurity, "seccompProfile", "type")))).as("seccomp of %s", app)
                    .isEqualTo("RuntimeDefault");

            Set<String> probePaths = new HashSet<>();
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                String path = str(at(container, probe, "httpGet", "path"));
                assertThat(path).as("%s of %s", probe, app).isNotBlank();
                probePaths.add(path);
            }
            assertThat(probePaths).as("three distinct health groups for %s", app).hasSize(3);
            assertThat(str(at(container, "startupProbe", "httpGet", "path"))).isEqualTo("/actuator/health/startup");
            assertThat(env(container)).as("the startup group is defined for %s", app)
                    .containsKey("MANAGEMENT_ENDPOINT_HEALTH_GROUP_STARTUP_INCLUDE");
            Set<Object> ports = new HashSet<>();
            maps(container.get("ports")).forEach(p -> {
                ports.add(p.get("name"));
                ports.add(p.get("containerPort"));
            });
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(ports).as("port of %s of %s", probe, app).contains(at(container, probe, "httpGet", "port"));
            }
        }
        // The services only: nothing else in the namespace is a Deployment (stores come from operators or are
        // StatefulSets).
        assertThat(ofKind(rendered, "Deployment").stream().map(Manifests::name).toList())
                .containsExactlyInAnyOrderElementsOf(APPS.keySet());
    }

    @Test
    void authServiceSharesItsKeysOnAReadWriteManyVolume() {
        Map<String, Object> claim = find(rendered, "PersistentVolumeClaim", "auth-keys").orElseThrow();
        assertThat(list(at(claim, "spec", "accessModes"))).containsExactly("ReadWriteMany");
        assertThat(str(at(claim, "spec", "storageClassName"))).as("the RWX class (placeholder)").isNotBlank();
        Map<String, Object> auth = find(rendered, "Deployment", "auth-service").orElseThrow();
        assertThat(maps(podSpec(auth).get("volumes")))
                .anySatisfy(v -> assertThat(str(at(v, "persistentVolumeClaim", "claimName"))).isEqualTo("auth-keys"));
    }

    @Test
    void networkPoliciesDenyByDefaultAndAllowOnlyTheArchitecturesFlows() {
        List<Map<String, Object>> policies = ofKind(rendered, "NetworkPolicy");
        assertThat(policies).as("a default deny of ingress and egress").anySatisfy(p -> {
            assertThat(map(at(p, "spec", "podSelector"))).isEmpty();
            assertThat(list(at(p, "spec", "policyTypes"))).contains("Ingress", "Egress");
            assertThat(at(p, "spec", "ingress")).isNull();
            assertThat(at(p, "spec", "egress")).isNull();
        });
        assertThat(policies).as("DNS egress for every pod").anySatisfy(p -> {
            assertThat(map(at(p, "spec", "podSelector"))).isEmpty();
            assertThat(maps(at(p, "spec", "egress"))).anySatisfy(rule -> assertThat(maps(rule.get("ports")))
                    .anySatisfy(port -> assertThat(port.get("port")).isEqualTo(53)));
        });

        // Ingress to the gateway: only from the ingress controller's namespace, only to the client port.
        List<Map<String, Object>> gatewayIngress = ingressRulesFor(policies, GATEWAY);
        assertThat(gatewayIngress).isNotEmpty();
        boolean fromIngressController = false;
        for (Map<String, Object> rule : gatewayIngress) {
            for (Map<String, Object> peer : maps(rule.get("from"))) {
                if (peer.get("namespaceSelector") != null && str(at(peer, "namespaceSelector", "matchLabels",
                        "kubernetes.io/metadata.name")).contains("ingress")) {
                    fromIngressController = true;
                    assertThat(maps(rule.get("ports"))).as("the ingress controller reaches only port 8080")
                            .allSatisfy(port -> assertThat(port.get("port")).isEqualTo(8080));
                }
            }
        }
        assertThat(fromIngressController).as("the ingress controller may reach the gateway").isTrue();

        // Egress of the gateway reaches every routed service; only query-service and projection-service reach the
        // read stores (Elasticsearch, MongoDB), and only projection-service gets their writer credentials.
        Set<String> gatewayTargets = egressTargets(policies, GATEWAY);
        assertThat(gatewayTargets).contains("auth-service", "command-service", "query-service", "ai-processing-service");
        for (String app : APPS.keySet()) {
            Set<String> targets = egressTargets(policies, app);
            boolean readStores = targets.contains("elasticsearch.k8s.elastic.co/cluster-name=mindflow-es")
                    || targets.contains("app=mindflow-mongodb-svc");
            assertThat(readStores).as("%s reaches Elasticsearch or MongoDB", app)
                    .isEqualTo(app.equals("query-service") || app.equals("projection-service"));
        }
        Map<String, String> queryEnv = secretRefs(find(rendered, "Deployment", "query-service").orElseThrow());
        Map<String, String> projectionEnv = secretRefs(find(rendered, "Deployment", "projection-service").orElseThrow());
        assertThat(queryEnv.get("SPRING_ELASTICSEARCH_USERNAME")).isNotEqualTo(
                projectionEnv.get("SPRING_ELASTICSEARCH_USERNAME"));
        assertThat(queryEnv.get("SPRING_MONGODB_URI")).isNotEqualTo(projectionEnv.get("SPRING_MONGODB_URI"));

        // Prometheus reaches the management ports.
        assertThat(policies).as("Prometheus (namespace monitoring) scrapes the services").anySatisfy(p ->
                assertThat(maps(at(p, "spec", "ingress"))).anySatisfy(rule -> {
                    assertThat(maps(rule.get("from"))).anySatisfy(peer -> assertThat(
                            str(at(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")))
                            .isEqualTo("monitoring"));
                    assertThat(maps(rule.get("ports")).stream().map(port -> port.get("port")).toList())
                            .containsAll(APPS.values().stream().filter(port -> port != 8080).toList()).contains(8090);
                }));
    }

    @Test
    void credentialsComeOnlyFromSecretsThatTheOverlayDoesNotFill() {
        assertThat(renderedText).as("no placeholder password").doesNotContain("CHANGE_ME");
        for (Map<String, Object> secret : ofKind(rendered, "Secret")) {
            assertThat(keys(secret)).as("keys of the rendered Secret %s", name(secret))
                    .noneMatch(k -> CREDENTIAL_KEY.matcher(k).matches());
        }
        assertThat(findGenerated(rendered, "Secret", "mindflow-secrets")).as("the base's placeholder Secret").isEmpty();
        for (Map<String, Object> configMap : ofKind(rendered, "ConfigMap")) {
            assertThat(keys(configMap)).as("keys of ConfigMap %s", name(configMap))
                    .noneMatch(k -> CREDENTIAL_KEY.matcher(k).matches());
        }

        String example = Repo.read(OVERLAY.resolve("secrets.example.env"));
        for (String line : example.lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertThat(line).as("secrets.example.env shows keys only").endsWith("=");
            }
        }
        Set<String> renderedSecrets = new HashSet<>(ofKind(rendered, "Secret").stream().map(Manifests::name).toList());
        for (Map<String, Object> object : rendered) {
            for (Map<String, Object> container : containers(object)) {
                String owner = kind(object) + " " + name(object) + " container " + container.get("name");
                for (Map<String, Object> env : maps(container.get("env"))) {
                    String variable = str(env.get("name"));
                    if (!CREDENTIAL_ENV.matcher(variable).matches()) {
                        continue;
                    }
                    assertThat(env.get("value")).as("%s: %s has a literal value", owner, variable).isNull();
                    String secret = str(at(env, "valueFrom", "secretKeyRef", "name"));
                    assertThat(secret).as("%s: %s comes from a Secret", owner, variable).isNotBlank();
                    assertThat(renderedSecrets).as("%s: Secret %s is created outside the overlay", owner, secret)
                            .doesNotContain(secret);
                    assertThat(example).as("Secret %s (%s) is documented in secrets.example.env", secret, owner)
                            .contains(secret);
                }
                for (Map<String, Object> source : maps(container.get("envFrom"))) {
                    String secret = str(at(source, "secretRef", "name"));
                    if (secret != null) {
                        assertThat(renderedSecrets).as("%s reads Secret %s from outside the overlay", owner, secret)
                                .doesNotContain(secret);
                    }
                }
            }
        }
        // Every service that must have database credentials gets them (they refuse to start without).
        for (String app : APPS.keySet()) {
            if (!app.equals(GATEWAY)) {
                assertThat(secretRefs(find(rendered, "Deployment", app).orElseThrow()))
                        .as("database credentials of %s", app).containsKeys("MINDFLOW_DB_USER", "MINDFLOW_DB_PASSWORD");
            }
        }
        assertThat(secretRefs(find(rendered, "Job", "db-migrations").orElseThrow()))
                .containsKeys("MINDFLOW_DB_USER", "MINDFLOW_DB_PASSWORD");
    }

    @Test
    void theGatewayTrustsForwardedHeadersOnlyFromTheIngressController() {
        Map<String, Object> gateway = find(rendered, "Deployment", GATEWAY).orElseThrow();
        String trusted = env(maps(podSpec(gateway).get("containers")).getFirst()).get("MINDFLOW_TRUSTED_PROXIES");
        assertThat(trusted).as("MINDFLOW_TRUSTED_PROXIES (api-gateway application.yml)").isNotBlank();
        Pattern pattern = Pattern.compile(trusted);
        assertThat(pattern.matcher("10.244.3.17").matches()).as("an ingress controller pod").isTrue();
        assertThat(pattern.matcher("203.0.113.7").matches()).as("a client on the internet").isFalse();
        assertThat(pattern.matcher("10.96.0.10").matches()).as("outside the controller's pod range").isFalse();
    }

    @Test
    void everyKafkaTopicOfSharedEventsIsDeclaredWithPartitionsAndRetention() {
        String topicsSource = Repo.read(ROOT.resolve("shared-events/src/main/java/com/mindflow/events/Topics.java"));
        Matcher names = Pattern.compile("\"(mindflow\\.[a-z-]+\\.v[0-9]+)\"").matcher(topicsSource);
        Set<String> expected = new TreeSet<>();
        while (names.find()) {
            expected.add(names.group(1));
            expected.add(names.group(1) + ".dlt");
        }
        assertThat(expected).as("topics in Topics.java").hasSizeGreaterThanOrEqualTo(10);
        Map<String, Map<String, Object>> topics = new LinkedHashMap<>();
        for (Map<String, Object> topic : ofKind(rendered, "KafkaTopic")) {
            topics.put(Optional.ofNullable(str(at(topic, "spec", "topicName"))).orElse(name(topic)), topic);
        }
        assertThat(topics.keySet()).as("KafkaTopics").containsAll(expected);
        for (String name : expected) {
            Map<String, Object> topic = topics.get(name);
            assertThat(str(at(topic, "metadata", "labels", "strimzi.io/cluster"))).isEqualTo("mindflow-kafka");
            assertThat((Integer) at(topic, "spec", "partitions")).as("partitions of %s", name).isPositive();
            assertThat((Integer) at(topic, "spec", "replicas")).as("replicas of %s", name).isGreaterThanOrEqualTo(3);
            Object retention = at(topic, "spec", "config", "retention.ms");
            assertThat(retention).as("retention.ms of %s", name).isNotNull();
            // service-support's TopicRetention: 7 days unless configured otherwise (the erasure bound).
            assertThat(Long.parseLong(String.valueOf(retention))).as("retention.ms of %s", name)
                    .isEqualTo(Duration.ofDays(7).toMillis());
        }
        assertThat(ofKind(rendered, "Kafka")).singleElement().satisfies(kafka -> {
            assertThat(str(at(kafka, "metadata", "name"))).isEqualTo("mindflow-kafka");
            assertThat(String.valueOf(at(kafka, "spec", "kafka", "config", "auto.create.topics.enable")))
                    .isEqualTo("false");
            // Journal text travels in the events: only over TLS, and only for clients that logged in.
            assertThat(maps(at(kafka, "spec", "kafka", "listeners"))).as("listeners").singleElement()
                    .satisfies(listener -> {
                        assertThat(listener.get("port")).isEqualTo(9093);
                        assertThat(listener.get("tls")).isEqualTo(true);
                        assertThat(str(at(listener, "authentication", "type"))).isEqualTo("scram-sha-512");
                    });
        });
        assertThat(ofKind(rendered, "KafkaNodePool")).as("KRaft node pools").isNotEmpty()
                .allSatisfy(pool -> assertThat(list(at(pool, "spec", "roles"))).contains("controller", "broker"));
        Map<String, String> config = map(findGenerated(rendered, "ConfigMap", "mindflow-config").orElseThrow()
                .get("data")).entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> String.valueOf(e.getValue())));
        assertThat(config).as("the Topic Operator alone creates topics")
                .containsEntry("SPRING_KAFKA_ADMIN_AUTO_CREATE", "false")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "mindflow-kafka-kafka-bootstrap:9093")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_TYPE", "PEM");
        Set<String> users = new HashSet<>();
        for (Map<String, Object> user : ofKind(rendered, "KafkaUser")) {
            assertThat(str(at(user, "metadata", "labels", "strimzi.io/cluster"))).isEqualTo("mindflow-kafka");
            assertThat(str(at(user, "spec", "authentication", "type"))).isEqualTo("scram-sha-512");
            users.add(name(user));
        }
        // Each service logs in as a user of its own, with the credentials the User Operator wrote for it.
        for (String app : APPS.keySet()) {
            Map<String, String> refs = secretRefs(find(rendered, "Deployment", app).orElseThrow());
            assertThat(refs).as("Kafka credentials of %s", app)
                    .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
                            "mindflow-kafka-" + app + "/sasl.jaas.config")
                    .containsEntry("SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_CERTIFICATES",
                            "mindflow-kafka-cluster-ca-cert/ca.crt");
            assertThat(users).as("KafkaUsers").contains("mindflow-kafka-" + app);
        }
    }

    @Test
    void theStoresComeFromOperators() {
        Map<String, Object> postgres = ofKind(rendered, "Cluster").stream()
                .filter(c -> str(c.get("apiVersion")).startsWith("postgresql.cnpg.io/")).findFirst().orElseThrow();
        assertThat(str(at(postgres, "spec", "imageName"))).as("a TimescaleDB image").contains("timescale");
        assertThat(list(at(postgres, "spec", "postgresql", "shared_preload_libraries"))).contains("timescaledb");
        assertThat((Integer) at(postgres, "spec", "instances")).isGreaterThanOrEqualTo(2);
        assertThat(str(at(postgres, "spec", "bootstrap", "initdb", "secret", "name"))).isEqualTo("mindflow-db");

        Map<String, Object> elasticsearch = ofKind(rendered, "Elasticsearch").getFirst();
        assertThat(str(at(elasticsearch, "spec", "version"))).startsWith("9.");
        assertThat(maps(at(elasticsearch, "spec", "nodeSets"))).isNotEmpty()
                .allSatisfy(set -> assertThat((Integer) set.get("count")).isGreaterThanOrEqualTo(1));
        assertThat(env(maps(podSpec(find(rendered, "Deployment", "projection-service").orElseThrow())
                .get("containers")).getFirst())).containsEntry("MINDFLOW_SEARCH_REPLICAS", "1");

        Map<String, Object> mongo = ofKind(rendered, "MongoDBCommunity").getFirst();
        assertThat((Integer) at(mongo, "spec", "members")).isGreaterThanOrEqualTo(1);
        assertThat(maps(at(mongo, "spec", "users"))).allSatisfy(
                user -> assertThat(str(at(user, "passwordSecretRef", "name"))).isNotBlank());

        Map<String, Object> redis = find(rendered, "StatefulSet", "redis").orElseThrow();
        assertThat(maps(at(redis, "spec", "volumeClaimTemplates"))).as("Redis keeps its data").isNotEmpty();
        assertThat(find(rendered, "Service", "redis")).isPresent();
    }

    @Test
    void migrationsRunBeforeTheServicesAndTheEdgeHasTls() {
        Map<String, Object> job = find(rendered, "Job", "db-migrations").orElseThrow();
        Map<String, Object> annotations = map(at(job, "metadata", "annotations"));
        assertThat(annotations).containsEntry("argocd.argoproj.io/hook", "Sync");
        int jobWave = Integer.parseInt(str(annotations.get("argocd.argoproj.io/sync-wave")));
        assertThat(jobWave).as("the migrator's wave comes before the services' (0)").isNegative();
        Map<String, Object> config = findGenerated(rendered, "ConfigMap", "mindflow-config").orElseThrow();
        assertThat(Integer.parseInt(str(at(config, "metadata", "annotations", "argocd.argoproj.io/sync-wave"))))
                .as("the ConfigMap the migrator reads exists before it").isLessThan(jobWave);
        for (String kind : List.of("Cluster", "Kafka", "Elasticsearch", "MongoDBCommunity")) {
            for (Map<String, Object> store : ofKind(rendered, kind)) {
                assertThat(Integer.parseInt(str(at(store, "metadata", "annotations", "argocd.argoproj.io/sync-wave"))))
                        .as("%s %s comes before the migrator", kind, name(store)).isLessThan(jobWave);
            }
        }
        for (Map<String, Object> deployment : ofKind(rendered, "Deployment")) {
            assertThat(at(deployment, "metadata", "annotations", "argocd.argoproj.io/sync-wave"))
                    .as("%s in the default wave 0", name(deployment)).isNull();
        }

        Map<String, Object> ingress = find(rendered, "Ingress", GATEWAY).orElseThrow();
        assertThat(map(at(ingress, "metadata", "annotations"))).containsKey("cert-manager.io/cluster-issuer");
        List<Map<String, Object>> tls = maps(at(ingress, "spec", "tls"));
        assertThat(tls).isNotEmpty().allSatisfy(entry -> assertThat(str(entry.get("secretName"))).isNotBlank());
        Set<Object> tlsHosts = new HashSet<>();
        tls.forEach(entry -> tlsHosts.addAll(list(entry.get("hosts"))));
        for (Map<String, Object> rule : maps(at(ingress, "spec", "rules"))) {
            assertThat(tlsHosts).as("TLS for host %s", rule.get("host")).contains(rule.get("host"));
        }
    }

    @Test
    void everyServiceIsScrapedAndTheDashboardShowsWhatTheIssueAsks() {
        for (String app : APPS.keySet()) {
            Map<String, Object> monitor = find(rendered, "ServiceMonitor", app).orElseThrow(
                    () -> new AssertionError("no ServiceMonitor " + app));
            Map<String, Object> selector = map(at(monitor, "spec", "selector", "matchLabels"));
            List<Map<String, Object>> services = ofKind(rendered, "Service").stream()
                    .filter(s -> map(at(s, "metadata", "labels")).entrySet().containsAll(selector.entrySet())).toList();
            assertThat(services).as("Services selected by ServiceMonitor %s", app).hasSize(1);
            Map<String, Object> service = services.getFirst();
            assertThat(map(at(service, "spec", "selector"))).as("the Service of %s selects its pods", app)
                    .isEqualTo(Map.of("app.kubernetes.io/name", app));
            String port = str(maps(at(monitor, "spec", "endpoints")).getFirst().get("port"));
            assertThat(maps(at(service, "spec", "ports")).stream().map(p -> str(p.get("name"))).toList())
                    .as("port %s of the Service of %s", port, app).contains(port);
            assertThat(str(maps(at(monitor, "spec", "endpoints")).getFirst().get("path")))
                    .isEqualTo("/actuator/prometheus");
        }
        assertThat(find(rendered, "ServiceMonitor", GATEWAY).map(m -> str(maps(at(m, "spec", "endpoints"))
                .getFirst().get("port")))).as("the gateway is scraped on its management port").contains("management");

        String dashboard = Repo.read(OVERLAY.resolve("monitoring/mindflow-dashboard.json"));
        Map<String, Object> json = map(Yamls.parser().load(dashboard));
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> panel : maps(json.get("panels"))) {
            maps(panel.get("targets")).forEach(t -> expressions.add(str(t.get("expr"))));
        }
        assertThat(expressions).as("request rate, errors and latency per route")
                .anyMatch(e -> e.contains("http_server_requests_seconds_count") && e.contains("uri"))
                .anyMatch(e -> e.contains("SERVER_ERROR") && e.contains("uri"))
                .anyMatch(e -> e.contains("http_server_requests_seconds_bucket") && e.contains("uri"));
        assertThat(expressions).as("consumer lag per sink")
                .anyMatch(e -> e.contains("kafka_consumer_fetch_manager_records_lag_max") && e.contains("client_id"));
        assertThat(expressions).as("outbox backlog").anyMatch(e -> e.contains("mindflow_outbox_backlog"));
        assertThat(expressions).as("JVM memory").anyMatch(e -> e.contains("jvm_memory_used_bytes"));
        Map<String, Object> configMap = find(rendered, "ConfigMap", "mindflow-grafana-dashboard").orElseThrow();
        assertThat(map(at(configMap, "metadata", "labels"))).containsEntry("grafana_dashboard", "1");
        assertThat(str(map(configMap.get("data")).get("mindflow-dashboard.json"))).isEqualTo(dashboard);
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Copies the validator next to the build output and installs its pinned packages there, once. */
    private static Path installValidator() throws IOException {
        Path source = ROOT.resolve("system-tests/src/test/k8s-validate");
        Path target = ROOT.resolve("system-tests/target/k8s-validate");
        Files.createDirectories(target);
        for (String file : List.of("package.json", "package-lock.json", "validate.mjs")) {
            Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path marker = target.resolve("node_modules/.mindflow-lock");
        String lock = Files.readString(source.resolve("package-lock.json"));
        if (!Files.isRegularFile(marker) || !Files.readString(marker).equals(lock)) {
            Path npm = Tools.onPath("npm").orElseGet(() -> fail("npm is needed to install the schema validator "
                    + "(system-tests/src/test/k8s-validate: kubernetes-models, js-yaml)"));
            Tools.Result install = Tools.run(target, Duration.ofMinutes(5), List.of(npm.toString(), "ci",
                    "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"));
            assertThat(install.exitCode()).as("npm ci in %s:\n%s", target, install.describe()).isZero();
            try {
                Files.writeString(marker, lock);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target;
    }

    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        maps(container.get("env")).forEach(e -> env.put(str(e.get("name")), str(e.get("value"))));
        return env;
    }

    /** Variable name to "secret/key" for every secretKeyRef of the workload's containers. */
    private static Map<String, String> secretRefs(Map<String, Object> workload) {
        Map<String, String> refs = new LinkedHashMap<>();
        for (Map<String, Object> container : containers(workload)) {
            for (Map<String, Object> env : maps(container.get("env"))) {
                Map<String, Object> ref = map(at(env, "valueFrom", "secretKeyRef"));
                if (!ref.isEmpty()) {
                    refs.put(str(env.get("name")), ref.get("name") + "/" + ref.get("key"));
                }
            }
        }
        return refs;
    }

    private static boolean selects(Map<String, Object> policy, String app) {
        Map<String, Object> selector = map(at(policy, "spec", "podSelector"));
        Map<String, Object> labels = Map.of("app.kubernetes.io/name", app);
        if (!labels.entrySet().containsAll(map(selector.get("matchLabels")).entrySet())) {
            return false;
        }
        for (Map<String, Object> expression : maps(selector.get("matchExpressions"))) {
            boolean in = list(expression.get("values")).contains(labels.get(str(expression.get("key"))));
            if (!"In".equals(str(expression.get("operator"))) || !in) {
                return false;
            }
        }
        return true;
    }

    private static List<Map<String, Object>> ingressRulesFor(List<Map<String, Object>> policies, String app) {
        List<Map<String, Object>> rules = new ArrayList<>();
        policies.stream().filter(p -> selects(p, app)).forEach(p -> rules.addAll(maps(at(p, "spec", "ingress"))));
        return rules;
    }

    /** The pods an app may send to, as "label=value" of the peers' pod selectors (and "ipBlock:<cidr>"). */
    private static Set<String> egressTargets(List<Map<String, Object>> policies, String app) {
        Set<String> targets = new TreeSet<>();
        for (Map<String, Object> policy : policies) {
            if (!selects(policy, app)) {
                continue;
            }
            for (Map<String, Object> rule : maps(at(policy, "spec", "egress"))) {
                for (Map<String, Object> peer : maps(rule.get("to"))) {
                    map(at(peer, "podSelector", "matchLabels")).forEach((k, v) -> {
                        targets.add(k + "=" + v);
                        if (k.equals("app.kubernetes.io/name")) {
                            targets.add(String.valueOf(v));
                        }
                    });
                    Optional.ofNullable(str(at(peer, "ipBlock", "cidr"))).ifPresent(c -> targets.add("ipBlock:" + c));
                }
            }
        }
        return targets;
    }

    private static long mebibytes(String quantity) {
        Matcher m = Pattern.compile("([0-9]+)(Mi|Gi)").matcher(quantity);
        assertThat(m.matches()).as("memory quantity %s in Mi or Gi", quantity).isTrue();
        return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
    }
}
