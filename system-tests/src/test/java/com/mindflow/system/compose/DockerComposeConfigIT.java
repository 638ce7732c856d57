package com.mindflow.system.compose;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.mindflow.system.compose.Yamls.at;
import static com.mindflow.system.compose.Yamls.environment;
import static com.mindflow.system.compose.Yamls.list;
import static com.mindflow.system.compose.Yamls.map;
import static com.mindflow.system.compose.Yamls.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Validates docker-compose.yml the way Compose itself reads it: {@code docker-compose config} must accept the file,
 * and the configuration it renders must run the whole system — every store on its official image with a
 * healthcheck and a named volume, the migrator and bucket set-up before the services, the services built from the
 * one Dockerfile, and the gateway as the only published API port. No Docker engine is needed.
 */
class DockerComposeConfigIT {

    /** The services and their fixed ports (docs/CONVENTIONS.md). */
    static final Map<String, Integer> APPS = orderedPorts();

    static final Set<String> SERVICES_BEHIND_GATEWAY =
            Set.of("auth-service", "command-service", "query-service", "projection-service", "ai-processing-service");

    /** Each store, the image repository it must come from, and where its data lives. */
    static final Map<String, String> STORE_IMAGES = Map.of(
            "postgres", "timescale/timescaledb:",
            "redis", "redis:",
            "kafka", "apache/kafka:",
            "elasticsearch", "docker.elastic.co/elasticsearch/elasticsearch:9.2.0",
            "mongodb", "mongo:8",
            "s3", "andrewgaul/s3proxy:",
            "mailpit", "axllent/mailpit:");

    static final Map<String, String> DATA_PATHS = Map.of(
            "postgres", "/var/lib/postgresql/data",
            "redis", "/data",
            "kafka", "/var/lib/kafka/data",
            "elasticsearch", "/usr/share/elasticsearch/data",
            "mongodb", "/data/db",
            "s3", "/data",
            "mailpit", "/data",
            "auth-service", "/app/data");

    static final Set<String> ONE_SHOTS = Set.of("db-migrations", "s3-init");

    private static Path root;
    private static Map<String, Object> config;

    @BeforeAll
    static void renderTheComposeFile() {
        root = Repo.root();
        Path composeFile = root.resolve("docker-compose.yml");
        assertThat(composeFile).as("docker-compose.yml at the repository root").isRegularFile();
        Path dockerCompose = Tools.onPath("docker-compose").orElseGet(() -> fail(
                "docker-compose is not installed, so docker-compose.yml cannot be validated. Install Debian's package: "
                        + "`apt-get install -y docker-compose` (./mindflow test installs it when missing)."));
        Tools.Result result = Tools.run(root, Duration.ofMinutes(2),
                List.of(dockerCompose.toString(), "-f", composeFile.toString(), "config"));
        assertThat(result.exitCode()).as("docker-compose config must accept the file:\n%s", result.describe())
                .isZero();
        config = map(Yamls.parser().load(result.stdout()));
        assertThat(config).as("rendered configuration").containsKey("services");
    }

    private static Map<String, Object> services() {
        return map(config.get("services"));
    }

    private static Map<String, Object> service(String name) {
        Map<String, Object> service = map(services().get(name));
        assertThat(service).as("service %s in docker-compose.yml", name).isNotEmpty();
        return service;
    }

    @Test
    void runsEveryStoreTheMigratorTheServicesAndTheGateway() {
        Set<String> expected = new TreeSet<>();
        expected.addAll(STORE_IMAGES.keySet());
        expected.addAll(ONE_SHOTS);
        expected.addAll(APPS.keySet());
        assertThat(services().keySet()).as("services of docker-compose.yml")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void storesRunOnOfficialImagesWithPinnedTags() {
        STORE_IMAGES.forEach((store, image) -> {
            String actual = str(service(store).get("image"));
            assertThat(actual).as("image of %s", store).startsWith(image);
            assertThat(actual.substring(actual.lastIndexOf('/') + 1)).as("tag of %s", store)
                    .contains(":").doesNotEndWith(":latest");
        });
        assertThat(str(service("postgres").get("image"))).as("PostgreSQL 17 with TimescaleDB").endsWith("-pg17");
        assertThat(str(service("redis").get("image"))).as("Redis 7 or 8").matches("redis:[78](\\..*)?");
        assertThat(str(service("s3-init").get("image"))).isEqualTo(str(service("s3").get("image")));
    }

    @Test
    void storesAreConfiguredForTheSingleNodeStack() {
        Map<String, String> postgres = environment(service("postgres").get("environment"));
        assertThat(postgres).containsEntry("POSTGRES_USER", "mindflow").containsEntry("POSTGRES_PASSWORD", "mindflow");

        Map<String, String> kafka = environment(service("kafka").get("environment"));
        assertThat(kafka).as("Kafka in KRaft mode, one node")
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092")
                .containsKeys("CLUSTER_ID", "KAFKA_CONTROLLER_QUORUM_VOTERS", "KAFKA_NODE_ID");

        Map<String, String> elasticsearch = environment(service("elasticsearch").get("environment"));
        assertThat(elasticsearch)
                .containsEntry("discovery.type", "single-node")
                .containsEntry("xpack.security.enabled", "false")
                .containsEntry("ES_JAVA_OPTS", "-Xms512m -Xmx512m");

        Map<String, String> s3 = environment(service("s3").get("environment"));
        assertThat(s3).containsEntry("S3PROXY_IDENTITY", "mindflow").containsEntry("S3PROXY_CREDENTIAL", "mindflow-secret")
                .containsEntry("S3PROXY_ENDPOINT", "http://0.0.0.0:9000");

        Map<String, String> bucket = environment(service("s3-init").get("environment"));
        assertThat(bucket).containsEntry("S3_BUCKET", "mindflow-attachments").containsEntry("S3_ENDPOINT", "http://s3:9000");
        List<String> mounts = list(service("s3-init").get("volumes")).stream().map(DockerComposeConfigIT::volumeSpec)
                .map(v -> v.source() + ":" + v.target()).toList();
        assertThat(mounts).as("s3-init runs docker/s3/create-bucket.sh")
                .anyMatch(m -> m.startsWith(root.resolve("docker/s3/create-bucket.sh") + ":"));
        assertThat(root.resolve("docker/s3/create-bucket.sh")).isRegularFile();

        Map<String, String> migrator = environment(service("db-migrations").get("environment"));
        assertThat(migrator).containsEntry("MINDFLOW_DB_HOST", "postgres").containsEntry("MINDFLOW_DB_PORT", "5432")
                .containsEntry("MINDFLOW_DB_USER", "mindflow").containsEntry("MINDFLOW_DB_PASSWORD", "mindflow");
    }

    @Test
    void everyLongRunningContainerHasAHealthcheck() {
        for (String name : services().keySet()) {
            if (ONE_SHOTS.contains(name)) {
                assertThat(str(service(name).get("restart"))).as("one-shot %s is not restarted", name)
                        .isIn(null, "no");
                continue;
            }
            Map<String, Object> healthcheck = map(service(name).get("healthcheck"));
            assertThat(healthcheck.get("disable")).as("healthcheck of %s disabled", name).isNotEqualTo(Boolean.TRUE);
            List<Object> test = list(healthcheck.get("test"));
            assertThat(test).as("healthcheck test of %s", name).hasSizeGreaterThan(1);
            assertThat(str(test.getFirst())).as("healthcheck of %s", name).isIn("CMD", "CMD-SHELL");
        }
        APPS.forEach((app, port) -> assertThat(list(at(service(app), "healthcheck", "test")))
                .as("%s is healthy when its readiness group is UP", app)
                .anySatisfy(arg -> assertThat(str(arg)).isEqualTo("http://localhost:" + port
                        + (app.equals("api-gateway") ? "/readyz" : "/actuator/health/readiness"))));
    }

    @Test
    void theGatewayIsTheOnlyPublishedApiPort() {
        Map<String, List<Port>> published = new LinkedHashMap<>();
        services().forEach((name, service) -> {
            List<Port> ports = list(map(service).get("ports")).stream().map(DockerComposeConfigIT::port).toList();
            if (!ports.isEmpty()) {
                published.put(name, ports);
            }
        });
        assertThat(published.get("api-gateway")).as("ports of api-gateway")
                .containsExactly(new Port(null, 8080, 8080));
        // Mailpit's web UI is a developer tool (read the password-reset mail), bound to loopback only.
        assertThat(published.get("mailpit")).as("ports of mailpit: its web UI on loopback, never SMTP")
                .containsExactly(new Port("127.0.0.1", 8025, 8025));
        assertThat(published.keySet()).as("services publishing ports").containsExactlyInAnyOrder("api-gateway", "mailpit");
    }

    @Test
    void servicesStartAfterTheMigratorTheBucketAndHealthyStores() {
        for (String app : SERVICES_BEHIND_GATEWAY) {
            Map<String, Object> dependsOn = map(service(app).get("depends_on"));
            assertThat(condition(dependsOn, "db-migrations")).as("%s waits for the migrator", app)
                    .isEqualTo("service_completed_successfully");
            assertThat(condition(dependsOn, "s3-init")).as("%s waits for the bucket", app)
                    .isEqualTo("service_completed_successfully");
            for (String store : STORE_IMAGES.keySet()) {
                assertThat(condition(dependsOn, store)).as("%s waits for a healthy %s", app, store)
                        .isEqualTo("service_healthy");
            }
        }
        Map<String, Object> gateway = map(service("api-gateway").get("depends_on"));
        for (String app : SERVICES_BEHIND_GATEWAY) {
            assertThat(condition(gateway, app)).as("api-gateway waits for a healthy %s", app).isEqualTo("service_healthy");
        }
        assertThat(condition(map(service("db-migrations").get("depends_on")), "postgres")).isEqualTo("service_healthy");
        assertThat(condition(map(service("s3-init").get("depends_on")), "s3")).isEqualTo("service_healthy");
    }

    @Test
    void storesAndSigningKeysKeepTheirDataInNamedVolumes() {
        Set<String> declared = map(config.get("volumes")).keySet();
        DATA_PATHS.forEach((name, path) -> {
            List<Volume> volumes = list(service(name).get("volumes")).stream().map(DockerComposeConfigIT::volumeSpec)
                    .toList();
            assertThat(volumes).as("%s keeps %s in a named volume", name, path)
                    .anySatisfy(v -> {
                        assertThat(v.target()).isEqualTo(path);
                        assertThat(declared).contains(v.source());
                    });
        });
        assertThat(declared).as("named volumes").hasSizeGreaterThanOrEqualTo(DATA_PATHS.size());
    }

    @Test
    void modulesAreBuiltFromTheOneDockerfile() {
        Set<String> modules = new LinkedHashSet<>(APPS.keySet());
        modules.add("db-migrations");
        for (String module : modules) {
            Map<String, Object> build = map(service(module).get("build"));
            assertThat(build).as("%s is built from the repository", module).isNotEmpty();
            Path context = Path.of(str(build.get("context")));
            assertThat(context.toAbsolutePath().normalize()).as("build context of %s", module).isEqualTo(root);
            assertThat(str(build.get("dockerfile"))).as("Dockerfile of %s", module).isEqualTo("docker/Dockerfile");
            assertThat(environment(build.get("args"))).as("build args of %s", module).containsEntry("MODULE", module);
            assertThat(root.resolve(module).resolve("pom.xml")).as("module %s", module).isRegularFile();
            assertThat(str(service(module).get("image"))).isEqualTo("mindflow/" + module + ":local");
        }
        assertThat(root.resolve("docker/Dockerfile.dockerignore")).as("keeps target/ and .git out of the context")
                .isRegularFile();
        assertThat(Repo.read(root.resolve("docker/Dockerfile.dockerignore"))).contains("**/target", ".git");
    }

    @Test
    void theDockerfileBuildsWithTheWrapperAndRunsUnprivileged() {
        String dockerfile = Repo.read(root.resolve("docker/Dockerfile"));
        Map<String, String> args = new LinkedHashMap<>();
        List<String> froms = new ArrayList<>();
        List<String> users = new ArrayList<>();
        String entrypoint = null;
        for (String line : dockerfile.replace("\\\n", " ").lines().map(String::strip).toList()) {
            String[] words = line.split("\\s+", 2);
            String rest = words.length > 1 ? words[1] : "";
            switch (words[0].toUpperCase()) {
                case "ARG" -> {
                    int eq = rest.indexOf('=');
                    if (eq > 0 && froms.isEmpty()) {
                        args.put(rest.substring(0, eq), rest.substring(eq + 1));
                    }
                }
                case "FROM" -> froms.add(substitute(rest.split("\\s+")[0], args));
                case "USER" -> users.add(rest);
                case "ENTRYPOINT" -> entrypoint = rest;
                default -> { }
            }
        }
        assertThat(froms).as("multi-stage: build, then runtime").hasSize(2);
        assertThat(froms.getFirst()).as("build stage on an official Maven + Temurin image")
                .matches("maven:3\\.9[.\\d]*-eclipse-temurin-(21|25)");
        assertThat(froms.getLast()).as("runtime stage on Temurin's JRE").matches("eclipse-temurin:(21|25)-jre.*");
        assertThat(dockerfile).as("builds the module and what it needs with the wrapper")
                .containsPattern("\\./mvnw .*-pl \"?\\$\\{MODULE}\"? -am package -DskipTests");
        assertThat(users).as("runs as a non-root user").isNotEmpty()
                .last().asString().doesNotStartWith("root").doesNotStartWith("0");
        assertThat(entrypoint).as("entrypoint").isEqualTo("[\"java\", \"-jar\", \"/app/app.jar\"]");
    }

    @Test
    void servicesGetTheDocumentedEnvironment() {
        Map<String, String> gateway = environment(service("api-gateway").get("environment"));
        assertThat(gateway)
                .containsEntry("MINDFLOW_AUTH_URL", "http://auth-service:8081")
                .containsEntry("MINDFLOW_COMMAND_URL", "http://command-service:8082")
                .containsEntry("MINDFLOW_QUERY_URL", "http://query-service:8083")
                .containsEntry("MINDFLOW_AI_URL", "http://ai-processing-service:8085")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        assertThat(gateway).as("the gateway holds no store credentials")
                .doesNotContainKeys("SPRING_DATASOURCE_PASSWORD", "MINDFLOW_DB_PASSWORD", "MINDFLOW_S3_SECRET_KEY");

        Map<String, String> databases = Map.of(
                "auth-service", "mindflow_write", "command-service", "mindflow_write",
                "ai-processing-service", "mindflow_analytics",
                "query-service", "mindflow_read", "projection-service", "mindflow_read");
        // Only what every service needs: that each variable is read, and that the whole runs, is DeploymentParityIT's.
        for (String app : SERVICES_BEHIND_GATEWAY) {
            Map<String, String> env = environment(service(app).get("environment"));
            assertThat(env).as("environment of %s", app)
                    .containsEntry("SERVER_PORT", String.valueOf(APPS.get(app)))
                    .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/" + databases.get(app))
                    .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                    .containsEntry("MINDFLOW_SECURITY_JWKS_URI", "http://auth-service:8081/.well-known/jwks.json");
        }
        assertThat(environment(service("api-gateway").get("environment")))
                .containsEntry("SERVER_PORT", "8080");
    }

    /** docker/README.md is what service authors bind to: it must name exactly the variables the services get. */
    @Test
    void theEnvironmentTableOfDockerReadmeMatchesTheComposeFile() {
        Set<String> documented = documentedVariables(Repo.read(root.resolve("docker/README.md")));
        assertThat(documented).as("variables in the table of docker/README.md").isNotEmpty();

        Set<String> given = new TreeSet<>();
        Set<String> modules = new LinkedHashSet<>(APPS.keySet());
        modules.add("db-migrations");
        for (String module : modules) {
            given.addAll(environment(service(module).get("environment")).keySet());
        }
        assertThat(documented).as("documented variables that no MindFlow container gets")
                .isSubsetOf(given);
        assertThat(given).as("variables MindFlow containers get that docker/README.md does not document")
                .isSubsetOf(documented);
    }

    static Set<String> documentedVariables(String readme) {
        Set<String> names = new TreeSet<>();
        Pattern name = Pattern.compile("`([A-Z][A-Z0-9_]+)`");
        boolean inSection = false;
        for (String line : readme.lines().toList()) {
            if (line.startsWith("## ")) {
                inSection = line.toLowerCase().contains("environment variables");
                continue;
            }
            if (inSection && line.startsWith("| `")) {
                String firstColumn = line.substring(1, line.indexOf('|', 1));
                Matcher m = name.matcher(firstColumn);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    // ------------------------------------------------------------------------------------------------------------

    record Port(String hostIp, Integer published, Integer target) {
    }

    record Volume(String source, String target) {
    }

    /** Compose renders ports as "host:container" strings or as long-syntax mappings, depending on its version. */
    static Port port(Object spec) {
        if (spec instanceof Map<?, ?> m) {
            Object hostIp = m.get("host_ip");
            return new Port(hostIp == null ? null : str(hostIp), integer(m.get("published")), integer(m.get("target")));
        }
        String text = str(spec).replaceFirst("/(tcp|udp)$", "");
        String[] parts = text.split(":");
        return switch (parts.length) {
            case 1 -> new Port(null, null, integer(parts[0]));
            case 2 -> new Port(null, integer(parts[0]), integer(parts[1]));
            case 3 -> new Port(parts[0].isEmpty() ? null : parts[0], integer(parts[1]), integer(parts[2]));
            default -> fail("unexpected port specification " + spec);
        };
    }

    static Volume volumeSpec(Object spec) {
        if (spec instanceof Map<?, ?> m) {
            return new Volume(str(m.get("source")), str(m.get("target")));
        }
        String[] parts = str(spec).split(":");
        return parts.length == 1 ? new Volume(null, parts[0]) : new Volume(parts[0], parts[1]);
    }

    private static Integer integer(Object value) {
        return value == null || str(value).isEmpty() ? null : Integer.valueOf(str(value));
    }

    private static String condition(Map<String, Object> dependsOn, String dependency) {
        Object entry = dependsOn.get(dependency);
        assertThat(entry).as("depends_on %s", dependency).isNotNull();
        return str(map(entry).get("condition"));
    }

    private static String substitute(String text, Map<String, String> args) {
        Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(args.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    private static Map<String, Integer> orderedPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("api-gateway", 8080);
        ports.put("auth-service", 8081);
        ports.put("command-service", 8082);
        ports.put("query-service", 8083);
        ports.put("projection-service", 8084);
        ports.put("ai-processing-service", 8085);
        return ports;
    }
}
