package com.mindflow.system.deploy;

import com.mindflow.system.client.WalkingSkeleton;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.DockerComposeContainer;

/**
 * docker-compose.yml run for real: the project's images (built from docker/Dockerfile by
 * {@code ./mindflow verify-deploy}), the store substitutes of docker/compose.substitutes.yml, Testcontainers'
 * compose module driving the local docker-compose against the podman service. The compose file is taken as it
 * is (names, environment, volumes, dependencies and healthchecks of the MindFlow services); the walking-skeleton
 * journey then passes through the gateway container.
 */
class ComposeDeployIT {

    private static DeployHost host;
    private static AutoCloseable healthChecks;
    private static DockerComposeContainer<?> compose;
    private static String project;

    @BeforeAll
    static void start() {
        host = DeployHost.fromEnvironment();
        healthChecks = host.runHealthChecks();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (compose != null) {
                compose.stop();   // docker-compose down -v: containers, the network and the volumes
            }
        }
        finally {
            healthChecks.close();
            host.close();
        }
    }

    @Test
    void theComposeFileRunsTheJourneyInContainers() {
        // Project mindflowdeploy<random>: verify-deploy.sh removes what a killed run left by that prefix only.
        // This constructor runs the local docker-compose (no compose image can be pulled here).
        compose = new DockerComposeContainer<>("mindflowdeploy", List.of(
                new File(host.root.toFile(), "docker-compose.yml"),
                new File(host.root.toFile(), "docker/compose.substitutes.yml")))
                .withPull(false)        // no registry: every image is local
                .withBuild(false)       // built by verify-deploy (with a prebuilt jar), tagged as compose names them
                .withEnv("MINDFLOW_STORE_IMAGE", host.storeImage)
                .withStartupTimeout(Duration.ofMinutes(15));
        try {
            // `docker-compose up -d`: returns once every dependency condition held (stores healthy, migrations
            // and bucket done, the five services healthy), which starts the gateway last.
            long t0 = System.nanoTime();
            up(Duration.ofMinutes(12));
            ContainerState gateway = compose.getContainerByServiceName("api-gateway")
                    .or(() -> compose.getContainerByServiceName("api-gateway_1"))
                    .orElseThrow(() -> new AssertionError("no api-gateway container\n" + logs()));
            String name = gateway.getContainerInfo().getName().replaceFirst("^/", "");
            String url = host.forward(host.address(name), 8080);
            DeployHost.awaitOk(url + "/readyz", Duration.ofMinutes(4), ComposeDeployIT::logs);
            long t1 = System.nanoTime();
            WalkingSkeleton.walk(url, "docker-compose");
            DeployHost.timing("compose", "up until the gateway is ready", t0, t1);
            DeployHost.timing("compose", "journey", t1, System.nanoTime());
        }
        catch (RuntimeException | AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + logs(), e);
        }
    }

    /**
     * {@code compose.start()} with a deadline: docker-compose waits for {@code service_healthy} without one, and a
     * healthcheck whose command hangs (podman 4.3 does not enforce its timeout) never turns the container unhealthy.
     * On expiry the test fails naming the services that are not healthy.
     */
    private static void up(Duration deadline) {
        CompletableFuture<Void> up = CompletableFuture.runAsync(compose::start);
        try {
            up.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            List<String> waiting = new ArrayList<>();
            for (String container : host.containerNames("label=com.docker.compose.project")) {
                String state = host.podman(Duration.ofSeconds(30), "inspect", "--format",
                        "{{index .Config.Labels \"com.docker.compose.service\"}} {{.State.Status}} {{.State.ExitCode}} "
                                + "{{.State.Health.Status}}", container).stdout().strip();
                if (!state.matches("\\S+ (running \\d+ healthy|exited 0.*)")) {
                    waiting.add(state);
                }
            }
            // Stop the waiting `docker-compose up` (a child of this JVM): start() then returns, and stop(), which
            // Testcontainers synchronises with start(), can run `down -v`.
            ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("docker-compose"))
                    .forEach(ProcessHandle::destroy);
            try {
                up.handle((ignored, failure) -> null).get(2, TimeUnit.MINUTES);
            }
            catch (ExecutionException | TimeoutException stillRunning) {
                // stop() will wait for it
            }
            catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError("docker-compose up did not finish within " + deadline
                    + "; services not healthy (service state exit health): " + waiting);
        }
        catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String logs() {
        List<String> names = host.containerNames("label=com.docker.compose.project");
        return host.saveLogs("compose", names);
    }
}
