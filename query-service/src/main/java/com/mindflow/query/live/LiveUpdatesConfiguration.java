package com.mindflow.query.live;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;

import com.mindflow.support.live.JobProgress;
import com.mindflow.support.security.AuthenticatedUser;

import tools.jackson.databind.json.JsonMapper;

import jakarta.servlet.http.HttpServletRequest;

/**
 * /ws: a plain WebSocket (no STOMP) behind the shared resource-server filter chain. Browsers cannot set headers on a
 * WebSocket handshake, so on this one path the access token may come as the {@code access_token} query parameter;
 * every other path still takes it from the Authorization header only (a token in a URL ends up in logs and history).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(LiveSettings.class)
class LiveUpdatesConfiguration implements WebSocketConfigurer {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdatesConfiguration.class);

    static final String PATH = "/ws";

    private final LiveConnections connections;
    private final LiveSettings settings;

    LiveUpdatesConfiguration(LiveConnections connections, LiveSettings settings) {
        this.connections = connections;
        this.settings = settings;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(connections, PATH)
                .addInterceptors(new AuthenticatedHandshake())
                .setAllowedOriginPatterns(settings.allowedOrigins().toArray(String[]::new));
    }

    /**
     * Export and import progress, on the same subscription connection as the journal change notices. Another
     * service publishes it, so a malformed message is dropped here rather than pushed.
     */
    @Bean
    SmartInitializingSingleton jobProgressSubscription(RedisMessageListenerContainer container, JsonMapper json) {
        return () -> container.addMessageListener((message, pattern) -> {
            JobProgress progress;
            try {
                progress = json.readValue(message.getBody(), JobProgress.class);
            }
            catch (RuntimeException e) {
                log.warn("Ignoring an unreadable job progress notice", e);
                return;
            }
            connections.onJobProgress(progress);
        }, new PatternTopic(JobProgress.CHANNEL_PATTERN));
    }

    /** Picked up by the resource server's filter (it uses a {@link BearerTokenResolver} bean when there is one). */
    @Bean
    BearerTokenResolver bearerTokenResolver() {
        DefaultBearerTokenResolver headerOnly = new DefaultBearerTokenResolver();
        DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();
        headerOrQuery.setAllowUriQueryParameter(true);
        return request -> isWebSocketPath(request) ? headerOrQuery.resolve(request) : headerOnly.resolve(request);
    }

    private static boolean isWebSocketPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return PATH.equals(path) || (PATH + "/").equals(path);
    }

    /** The filter chain has authenticated the handshake (or answered 401); hand the user to the session. */
    private static final class AuthenticatedHandshake implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                WebSocketHandler handler, Map<String, Object> attributes) {
            if (request.getPrincipal() instanceof Authentication authentication
                    && authentication.getPrincipal() instanceof AuthenticatedUser user) {
                attributes.put(LiveConnections.USER_ATTRIBUTE, user);
                if (authentication.getCredentials() instanceof Jwt token && token.getExpiresAt() != null) {
                    attributes.put(LiveConnections.EXPIRES_ATTRIBUTE, token.getExpiresAt());
                }
                return true;
            }
            return false;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                Exception exception) {
        }
    }
}
