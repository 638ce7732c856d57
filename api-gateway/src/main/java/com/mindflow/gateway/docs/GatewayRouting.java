package com.mindflow.gateway.docs;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Asks the gateway's own routes (the running {@link RouteLocator}, in their order, with their real predicates)
 * where a request would go: which route the first match is and whether it leads to a given service. A path template's
 * variables ({@code /api/journals/{id}}) are filled with a plain segment.
 */
final class GatewayRouting {

    private final RouteLocator routes;

    GatewayRouting(RouteLocator routes) {
        this.routes = routes;
    }

    /** Whether {@code method pathTemplate} is routed to {@code service} (same scheme, host and port). */
    Mono<Boolean> routesTo(URI service, String method, String pathTemplate) {
        String path = pathTemplate.replaceAll("\\{[^}/]+}", "x");
        URI uri = UriComponentsBuilder.fromUriString("http://gateway.invalid").path(path).build().encode().toUri();
        ServerWebExchange exchange = probe(new ProbeRequest(HttpMethod.valueOf(method), uri));
        return routes.getRoutes()
                .sort((a, b) -> Integer.compare(a.getOrder(), b.getOrder()))
                .concatMap(route -> Mono.from(route.getPredicate().apply(exchange))
                        .filter(Boolean::booleanValue).map(matched -> route))
                .next()
                .map(route -> sameService(route, service))
                .defaultIfEmpty(false);
    }

    private static boolean sameService(Route route, URI service) {
        URI target = route.getUri();
        return Objects.equals(target.getScheme(), service.getScheme())
                && Objects.equals(target.getHost(), service.getHost()) && port(target) == port(service);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    /**
     * An exchange that has only a request and attributes: what the routes' predicates (path, method, host, header,
     * query...) read. Anything else is an error, never a silent answer.
     */
    private static ServerWebExchange probe(ProbeRequest request) {
        Map<String, Object> attributes = new HashMap<>();
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "getRequest" -> request;
            case "getAttributes" -> attributes;
            case "toString" -> "probe " + request.getMethod() + " " + request.getURI();
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> {
                if (method.isDefault()) {
                    yield InvocationHandler.invokeDefault(proxy, method, args);
                }
                throw new UnsupportedOperationException("a route probe has no " + method.getName());
            }
        };
        return (ServerWebExchange) Proxy.newProxyInstance(GatewayRouting.class.getClassLoader(),
                new Class<?>[] { ServerWebExchange.class }, handler);
    }

    private static final class ProbeRequest extends AbstractServerHttpRequest {

        ProbeRequest(HttpMethod method, URI uri) {
            super(method, uri, null, new HttpHeaders());
        }

        @Override
        protected MultiValueMap<String, HttpCookie> initCookies() {
            return new LinkedMultiValueMap<>();
        }

        @Override
        protected SslInfo initSslInfo() {
            return null;
        }

        @Override
        public <T> T getNativeRequest() {
            throw new UnsupportedOperationException("a route probe has no native request");
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.empty();
        }
    }
}
