package com.mindflow.system.compose;

import static com.mindflow.system.compose.Manifests.containers;
import static com.mindflow.system.compose.Manifests.find;
import static com.mindflow.system.compose.Manifests.findGenerated;
import static com.mindflow.system.compose.Yamls.at;
import static com.mindflow.system.compose.Yamls.map;
import static com.mindflow.system.compose.Yamls.maps;
import static com.mindflow.system.compose.Yamls.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment each MindFlow process gets from a deployment file, exactly as the tool that reads the file
 * resolves it: {@code docker-compose config} for Compose, {@code kubectl kustomize} plus Kubernetes' own rules
 * ({@code envFrom} in order, then {@code env}, {@code $(VAR)} references) for the local overlay. The image's own
 * {@code ENV} (docker/Dockerfile) comes first, as a container runtime applies it.
 */
final class DeployedEnvironments {

    /** The modules a deployment runs from our images, the migrator first. */
    static final List<String> MODULES = List.of("db-migrations", "auth-service", "command-service", "query-service",
            "projection-service", "ai-processing-service", "api-gateway");

    private static final Pattern IMAGE_ENV = Pattern.compile("(?m)^ENV\\s+([A-Z_][A-Z0-9_]*)=\"([^\"]*)\"\\s*$");
    private static final Pattern K8S_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private DeployedEnvironments() {
    }

    /** {@code ENV} lines of docker/Dockerfile's runtime stage. */
    static Map<String, String> imageEnvironment(Path root) {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = IMAGE_ENV.matcher(Repo.read(root.resolve("docker/Dockerfile")));
        while (m.find()) {
            env.put(m.group(1), m.group(2));
        }
        return env;
    }

    static Map<String, Map<String, String>> compose(Path root) {
        Path dockerCompose = Tools.onPath("docker-compose").orElseGet(() -> fail(
                "docker-compose is not installed (./mindflow test installs Debian's package when missing)"));
        Tools.Result result = Tools.run(root, Duration.ofMinutes(2),
                List.of(dockerCompose.toString(), "-f", root.resolve("docker-compose.yml").toString(), "config"));
        assertThat(result.exitCode()).as("docker-compose config:\n%s", result.describe()).isZero();
        Map<String, Object> services = map(map(Yamls.parser().load(result.stdout())).get("services"));
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        for (String module : MODULES) {
            Map<String, String> env = new LinkedHashMap<>(imageEnvironment(root));
            Object declared = map(services.get(module)).get("environment");
            if (declared != null) {
                env.putAll(Yamls.environment(declared));
            }
            environments.put(module, env);
        }
        return environments;
    }

    /** The rendered overlay: Deployments of the services, the migrator's Job. */
    static Map<String, Map<String, String>> kubernetes(Path root, Path overlay) {
        Path kubectl = Tools.onPath("kubectl").orElse(null);
        List<Map<String, Object>> objects;
        if (kubectl != null) {
            Tools.Result result = Tools.run(root, Duration.ofMinutes(2),
                    List.of(kubectl.toString(), "kustomize", overlay.toString()));
            assertThat(result.exitCode()).as("kubectl kustomize:\n%s", result.describe()).isZero();
            objects = Yamls.loadAll(result.stdout()).stream().map(Yamls::map).toList();
        }
        else {
            // kubectl is no Debian package; Kustomizations assembles the same objects (KustomizeRenderIT checks both).
            objects = Kustomizations.build(overlay);
        }
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        for (String module : MODULES) {
            Map<String, Object> workload = find(objects, "Deployment", module)
                    .or(() -> find(objects, "Job", module))
                    .orElseGet(() -> fail("no Deployment or Job named %s in %s", module, overlay));
            Map<String, Object> container = containers(workload).stream()
                    .filter(c -> module.equals(str(c.get("name")))).findFirst()
                    .orElseGet(() -> containers(workload).getFirst());
            Map<String, String> env = new LinkedHashMap<>(imageEnvironment(root));
            for (Map<String, Object> source : maps(container.get("envFrom"))) {
                env.putAll(source(objects, source, module));
            }
            for (Map<String, Object> variable : maps(container.get("env"))) {
                String name = str(variable.get("name"));
                Object value = variable.get("value");
                if (value != null) {
                    env.put(name, expand(str(value), env));
                }
                else {
                    env.put(name, reference(objects, map(variable.get("valueFrom")), module, name));
                }
            }
            environments.put(module, env);
        }
        return environments;
    }

    private static Map<String, String> source(List<Map<String, Object>> objects, Map<String, Object> source,
            String module) {
        Map<String, String> values = new LinkedHashMap<>();
        if (source.get("configMapRef") != null) {
            values.putAll(data(objects, "ConfigMap", str(at(source, "configMapRef", "name")), module));
        }
        if (source.get("secretRef") != null) {
            values.putAll(data(objects, "Secret", str(at(source, "secretRef", "name")), module));
        }
        String prefix = str(source.get("prefix"));
        if (prefix == null) {
            return values;
        }
        Map<String, String> prefixed = new LinkedHashMap<>();
        values.forEach((key, value) -> prefixed.put(prefix + key, value));
        return prefixed;
    }

    private static String reference(List<Map<String, Object>> objects, Map<String, Object> valueFrom, String module,
            String variable) {
        if (valueFrom.get("secretKeyRef") != null
                && find(objects, "Secret", str(at(valueFrom, "secretKeyRef", "name"))).isEmpty()
                && findGenerated(objects, "Secret", str(at(valueFrom, "secretKeyRef", "name"))).isEmpty()) {
            // A Secret made outside the repository (the production overlay's credentials): the name is what counts.
            return "(secret " + str(at(valueFrom, "secretKeyRef", "name")) + "/" + str(at(valueFrom, "secretKeyRef", "key"))
                    + ")";
        }
        for (String kind : List.of("configMapKeyRef", "secretKeyRef")) {
            if (valueFrom.get(kind) != null) {
                Map<String, String> data = data(objects, kind.startsWith("config") ? "ConfigMap" : "Secret",
                        str(at(valueFrom, kind, "name")), module);
                String key = str(at(valueFrom, kind, "key"));
                assertThat(data).as("%s: %s of %s refers to key %s", module, kind, variable, key).containsKey(key);
                return data.get(key);
            }
        }
        return fail("%s: %s comes from %s, which this test does not resolve", module, variable, valueFrom);
    }

    private static Map<String, String> data(List<Map<String, Object>> objects, String kind, String name,
            String module) {
        Map<String, Object> object = find(objects, kind, name).or(() -> findGenerated(objects, kind, name))
                .orElseGet(() -> fail("%s: %s %s is not in the rendered overlay", module, kind, name));
        Map<String, String> values = new LinkedHashMap<>();
        map(object.get("data")).forEach((key, value) -> values.put(key, "Secret".equals(kind)
                ? new String(Base64.getDecoder().decode(str(value)), StandardCharsets.UTF_8) : str(value)));
        map(object.get("stringData")).forEach((key, value) -> values.put(key, str(value)));
        return values;
    }

    /** Kubernetes' {@code $(VAR)}: a variable defined before this one is replaced, anything else stays as written. */
    private static String expand(String value, Map<String, String> defined) {
        Matcher m = K8S_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = defined.getOrDefault(m.group(1), m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replace("$$(", "$(");
    }
}
