package com.mindflow.gateway.docs;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ResponseStatusException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one OpenAPI document of the gateway's base URL: each service's own {@code /v3/api-docs} (springdoc), fetched
 * from the address the gateway routes to, kept to the operations the gateway routes to that service, and merged
 * ({@link ApiDocsMerger}). Built on demand and kept for {@link ApiDocsSettings#cacheTtl()}; concurrent requests share
 * one build. When a service cannot be asked, the last document is served on; with none yet, the answer is 503.
 */
public final class ApiDocs {

    private static final Logger log = LoggerFactory.getLogger(ApiDocs.class);

    /** A service the gateway routes to: its name, the prefix its clashing component names get, its address. */
    public record Service(String name, String prefix, URI uri) {
    }

    private record Built(String json, Instant at) {
    }

    private final List<Service> services;
    private final GatewayRouting routing;
    private final ApiDocsMerger merger;
    private final JsonMapper json;
    private final ApiDocsSettings settings;
    private final WebClient client;
    private final AtomicReference<Built> last = new AtomicReference<>();
    private final AtomicReference<Mono<String>> building = new AtomicReference<>();

    ApiDocs(List<Service> services, GatewayRouting routing, JsonMapper json, ApiDocsSettings settings) {
        this.services = List.copyOf(services);
        this.routing = routing;
        this.merger = new ApiDocsMerger(json);
        this.json = json;
        this.settings = settings;
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create().responseTimeout(settings.timeout())))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    /** The merged document as JSON text. */
    public Mono<String> document() {
        Built built = last.get();
        if (built != null && built.at().plus(settings.cacheTtl()).isAfter(Instant.now())) {
            return Mono.just(built.json());
        }
        Mono<String> fresh = building.updateAndGet(current -> current != null ? current : build()
                .doOnNext(text -> last.set(new Built(text, Instant.now())))
                .doFinally(signal -> building.set(null))
                .cache());
        if (built == null) {
            return fresh;
        }
        return fresh.onErrorResume(failure -> {
            log.warn("serving the previous API description: {}", failure.toString());
            return Mono.just(built.json());
        });
    }

    private Mono<String> build() {
        return Flux.fromIterable(services)
                .concatMap(service -> fetch(service)
                        .map(doc -> new ApiDocsMerger.ServiceDoc(service.name(), service.prefix(), doc)))
                .collectList()
                .flatMap(docs -> routed(docs).map(routed -> merger.merge(docs,
                        (service, method, path) -> routed.contains(service + " " + method + " " + path),
                        info(), servers())))
                .map(merger::write);
    }

    private Mono<JsonNode> fetch(Service service) {
        return client.get().uri(service.uri().resolve("/v3/api-docs"))
                .retrieve()
                .bodyToMono(String.class)
                .timeout(settings.timeout().plus(Duration.ofSeconds(1)))
                .map(json::readTree)
                .onErrorMap(failure -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                        "The API description of " + service.name() + " is unavailable", failure));
    }

    /** "service METHOD path" of every documented operation the gateway routes to its service. */
    private Mono<Set<String>> routed(List<ApiDocsMerger.ServiceDoc> docs) {
        List<String[]> operations = ApiDocsMerger.operations(docs);
        List<Mono<String>> checks = new ArrayList<>();
        for (String[] operation : operations) {
            URI uri = services.stream().filter(s -> s.name().equals(operation[0])).findFirst().orElseThrow().uri();
            String key = String.join(" ", operation);
            checks.add(routing.routesTo(uri, operation[1], operation[2]).filter(Boolean::booleanValue)
                    .map(yes -> key));
        }
        return Flux.concat(checks).collect(HashSet::new, Set::add);
    }

    private static ObjectNode info() {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("title", "MindFlow API");
        info.put("version", "v1");
        info.put("description", "Every public route of MindFlow's one base URL (the api-gateway), merged from the "
                + "services' own descriptions: auth-service (accounts, sign-in, sessions, settings, consent), "
                + "command-service (journal writes, attachments, imports, the data export), query-service (reads, "
                + "search, moods, statistics, insights) and ai-processing-service (insight requests). Send the "
                + "access token from POST /api/auth/login as `Authorization: Bearer <token>`. Errors are RFC 9457 "
                + "problem details (application/problem+json) with a stable `code` and the `requestId` of the "
                + "request.");
        return info;
    }

    private static ArrayNode servers() {
        ArrayNode servers = JsonNodeFactory.instance.arrayNode();
        servers.addObject().put("url", "/").put("description", "The gateway that serves this document");
        return servers;
    }
}
