package com.mindflow.system.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.mindflow.system.client.WalkingSkeleton;

/**
 * MindFlow started exactly as docker-compose.yml and as the rendered local Kubernetes overlay configure it, and
 * the walking-skeleton journey through the gateway (register, log in, write, read back, search). Every process
 * gets precisely the environment the file resolves for it and nothing of the local stack's own
 * ({@link IsolatedDeployment}); host names and ports are the files'. Before anything starts, each variable is
 * checked against what the service's jar reads ({@link ConfigurationUsage}): a variable no service reads, or
 * another service's address left at its loopback default, fails with the service's name and the variable's.
 */
class DeploymentParityIT {

    private static final Path ROOT = Repo.root();
    private static IsolatedDeployment deployment;

    @AfterAll
    static void removeTheNamespace() {
        if (deployment != null) {
            deployment.close();
        }
    }

    @Test
    void everyVariableComposeGivesIsReadByItsService() {
        assertEveryVariableIsRead(DeployedEnvironments.compose(ROOT), "docker-compose.yml", Set.of());
    }

    @Test
    void everyVariableTheKubernetesOverlayGivesIsReadByItsService() {
        // The shared ConfigMap and Secret (envFrom, the same for every service) are held to "some service reads
        // each key"; what a Deployment sets itself (env) is held to "this service reads it".
        assertEveryVariableIsRead(DeployedEnvironments.kubernetes(ROOT, localOverlay()), "k8s/overlays/local",
                sharedKeys("k8s/base/config.env", "k8s/base/secrets.env"));
    }

    @Test
    void everyVariableTheProductionOverlayGivesIsReadByItsService() {
        // Not run (its stores come from operators); its credentials come from Secrets made outside the repository.
        assertEveryVariableIsRead(DeployedEnvironments.kubernetes(ROOT, ROOT.resolve("k8s/overlays/production")),
                "k8s/overlays/production", sharedKeys("k8s/overlays/production/config.env"));
    }

    @Test
    void composeConfigurationRunsTheJourney() {
        runTheJourney(DeployedEnvironments.compose(ROOT), "compose");
    }

    @Test
    void kubernetesConfigurationRunsTheJourney() {
        runTheJourney(DeployedEnvironments.kubernetes(ROOT, localOverlay()), "kubernetes");
    }

    private static Path localOverlay() {
        return ROOT.resolve("k8s/overlays/local");
    }

    /** Keys of the ConfigMap and the Secret every Deployment takes whole through {@code envFrom}. */
    private static Set<String> sharedKeys(String... files) {
        Set<String> keys = new LinkedHashSet<>();
        for (String file : files) {
            for (String line : Repo.read(ROOT.resolve(file)).split("\n")) {
                if (line.contains("=") && !line.startsWith("#")) {
                    keys.add(line.substring(0, line.indexOf('=')).trim());
                }
            }
        }
        return keys;
    }

    private static void assertEveryVariableIsRead(Map<String, Map<String, String>> environments, String file,
            Set<String> shared) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> sharedReaders = new LinkedHashMap<>();
        shared.forEach(key -> sharedReaders.put(key, 0));
        environments.forEach((module, env) -> {
            ConfigurationUsage usage = ConfigurationUsage.of(ROOT.resolve(module).resolve("target").resolve(module + ".jar"));
            List<String> unused = usage.unused(env);
            for (String variable : env.keySet()) {
                if (sharedReaders.containsKey(variable) && !unused.contains(variable)) {
                    sharedReaders.merge(variable, 1, Integer::sum);
                }
            }
            unused.stream().filter(variable -> !shared.contains(variable))
                    .forEach(variable -> problems.add(module + ": " + variable + " is set but never read"));
            usage.servicesOnLoopback(env).forEach((property, value) -> problems.add(
                    module + ": " + property + " = " + value + ": another service's address left on loopback"));
        });
        sharedReaders.forEach((key, readers) -> {
            if (readers == 0) {
                problems.add("shared configuration: " + key + " is read by no service");
            }
        });
        assertThat(problems).as("variables of %s", file).isEmpty();
    }

    /** The namespace and its stores, made by the first journey (the variable checks need none). */
    private static synchronized IsolatedDeployment deployment() {
        if (deployment == null) {
            deployment = IsolatedDeployment.start(ROOT);
        }
        return deployment;
    }

    private static void runTheJourney(Map<String, Map<String, String>> environments, String variant) {
        IsolatedDeployment deployment = deployment();
        try {
            deployment.runToCompletion("db-migrations", environments.get("db-migrations"), variant);
            // The services depend only on the stores and the migrations. Compose holds the gateway back until they
            // are healthy; it needs none of them to start (it routes), so here it starts with them.
            deployment.startTogether(List.copyOf(IsolatedDeployment.READINESS_PORTS.keySet()), environments, variant);
            WalkingSkeleton.walk(deployment.gatewayUrl(), variant);
        }
        finally {
            deployment.stopServices();
        }
    }
}
