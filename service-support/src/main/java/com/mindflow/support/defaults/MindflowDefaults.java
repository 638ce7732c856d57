package com.mindflow.support.defaults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.util.StringUtils;

/**
 * Adds {@code mindflow-defaults.properties} as the last property source, so every service starts with the same
 * production defaults (JSON logs, virtual threads, graceful shutdown, probes, Prometheus, Swagger UI) while its own
 * {@code application.yml}, the environment and system properties still win. Runs before the logging system is
 * initialised, which is why the structured log format can be set here.
 * <p>
 * Credentials have no defaults: under the {@code local} profile (the laptop stack, tests) the well-known ones of the
 * local servers come from {@code mindflow-local.properties}; anywhere else every variable a service lists in
 * {@value #REQUIRED_CREDENTIALS} must be set, or the service stops at start saying which are missing.
 */
public class MindflowDefaults implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY_SOURCE_NAME = "mindflowDefaults";
    static final String RESOURCE = "mindflow-defaults.properties";
    static final String LOCAL_PROFILE = "local";
    static final String LOCAL_RESOURCE = "mindflow-local.properties";
    static final String LOCAL_PROPERTY_SOURCE_NAME = "mindflowLocalCredentials";
    static final String REQUIRED_CREDENTIALS = "mindflow.credentials.required";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            return;
        }
        environment.getPropertySources().addLast(resource(PROPERTY_SOURCE_NAME, RESOURCE));
        if (environment.matchesProfiles(LOCAL_PROFILE)) {
            environment.getPropertySources().addLast(resource(LOCAL_PROPERTY_SOURCE_NAME, LOCAL_RESOURCE));
            return;
        }
        List<String> missing = Arrays.stream(environment.getProperty(REQUIRED_CREDENTIALS, String[].class,
                        new String[0]))
                .map(String::trim)
                .filter(name -> !name.isEmpty() && !StringUtils.hasText(environment.getProperty(name)))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(environment.getProperty("spring.application.name", "This service")
                    + " cannot start: " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                    + " not set. There are no built-in credentials outside the local profile; give the service"
                    + " its own (a Secret in Kubernetes, the environment in docker-compose).");
        }
    }

    private static ResourcePropertySource resource(String name, String resource) {
        try {
            return new ResourcePropertySource(name, new ClassPathResource(resource));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
