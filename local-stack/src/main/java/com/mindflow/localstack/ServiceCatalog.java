package com.mindflow.localstack;

import java.util.List;

/** The MindFlow services that {@code up} runs from their jars, with their fixed ports. */
final class ServiceCatalog {

    /**
     * One running instance of a module: the first on the module's fixed port, further ones ({@code up --replicas 2})
     * on the port plus 100 ({@code command-service-2} on 8182), in the same consumer groups and against the same
     * stores, as a second pod would be.
     */
    record Service(String module, int port, int instance) {

        Service(String module, int port) {
            this(module, port, 1);
        }

        /** Pid file, log and keeper entry: the module's name, with the instance number from the second on. */
        String name() {
            return instance == 1 ? module : module + "-" + instance;
        }

        /** Readiness on the service's own port: the gateway keeps its actuator on a management port. */
        boolean ready() {
            return this.module.equals("api-gateway") ? Probe.springReady(port, "/readyz") : Probe.springReady(port);
        }

        java.nio.file.Path jar(StackHome home) {
            return home.root().resolve(module).resolve("target").resolve(module + ".jar");
        }

        String url() {
            return "http://localhost:" + port;
        }

        /**
         * How the service is launched. Every service gets at most two glibc malloc arenas: the default is eight per
         * core, one for each thread that allocates natively (JIT compilers, Kafka, ONNX Runtime), and each keeps
         * its freed memory, which on this machine is tens of MB of RSS per JVM. ai-processing-service also runs at a
         * lower CPU priority ({@code nice 10}, inherited by every thread), so embedding a backlog uses the cores the
         * request path leaves idle instead of slowing reads and writes down (on Kubernetes, CPU requests and limits
         * are the equivalent).
         */
        List<String> launch(List<String> javaCommand) {
            List<String> command = new java.util.ArrayList<>(List.of("env", "MALLOC_ARENA_MAX=2"));
            if (module.equals("ai-processing-service")) {
                command.addAll(List.of("nice", "-n", "10"));
            }
            command.addAll(javaCommand);
            return command;
        }
    }

    static final Service GATEWAY = new Service("api-gateway", 8080);

    /** Back-end services first, the gateway (the clients' entry point) last. */
    static final List<Service> SERVICES = List.of(
            new Service("auth-service", 8081),
            new Service("command-service", 8082),
            new Service("query-service", 8083),
            new Service("projection-service", 8084),
            new Service("ai-processing-service", 8085),
            GATEWAY);

    /** The stateless services a second instance of which {@code up --replicas 2} starts. */
    static final List<String> SCALABLE = List.of("command-service", "query-service", "projection-service");

    /** Every instance {@code down}, {@code status} and the keeper know of: the services and their second instances. */
    static final List<Service> ALL = java.util.stream.Stream.concat(SERVICES.stream(),
            SERVICES.stream().filter(s -> SCALABLE.contains(s.module())).map(s -> replica(s, 2))).toList();

    private ServiceCatalog() {
    }

    static Service replica(Service first, int instance) {
        return new Service(first.module(), first.port() + 100 * (instance - 1), instance);
    }

    /** The selected services with {@code replicas} instances of each scalable one, the gateway still last. */
    static List<Service> selected(int replicas) {
        List<Service> services = new java.util.ArrayList<>();
        for (Service service : selected()) {
            if (service == GATEWAY) {
                continue;
            }
            services.add(service);
        }
        for (Service service : selected()) {
            if (SCALABLE.contains(service.module())) {
                for (int instance = 2; instance <= replicas; instance++) {
                    services.add(replica(service, instance));
                }
            }
        }
        if (selected().contains(GATEWAY)) {
            services.add(GATEWAY);
        }
        return services;
    }

    /** Instances beyond {@code replicas} ({@code up --replicas 1} stops the second ones). */
    static List<Service> beyond(int replicas) {
        return ALL.stream().filter(s -> s.instance() > replicas).toList();
    }

    /** All services, or those named in {@code MINDFLOW_SERVICES} (comma-separated module names). */
    static List<Service> selected() {
        String only = System.getenv("MINDFLOW_SERVICES");
        if (only == null || only.isBlank()) {
            return SERVICES;
        }
        java.util.Set<String> wanted = java.util.Set.of(only.trim().split("\\s*,\\s*"));
        return SERVICES.stream().filter(s -> wanted.contains(s.module())).toList();
    }

    /**
     * JVM flags for a service: six Spring Boot services share a small machine with the servers, so heaps are
     * small and the serial collector keeps the footprint low; the JIT stays fully on for throughput.
     * {@code MINDFLOW_SERVICE_JAVA_OPTS} replaces them.
     */
    static List<String> jvmFlags() {
        String override = System.getenv("MINDFLOW_SERVICE_JAVA_OPTS");
        if (override != null && !override.isBlank()) {
            return List.of(override.trim().split("\\s+"));
        }
        List<String> flags = new java.util.ArrayList<>(Processes.quietUnsafeFlags());
        flags.addAll(List.of("-Xms48m", "-Xmx224m", "-Xss512k", "-XX:+UseSerialGC",
                "-XX:MaxMetaspaceSize=192m", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=64m",
                "-XX:+ExitOnOutOfMemoryError", "-Djava.security.egd=file:/dev/./urandom"));
        return flags;
    }
}
