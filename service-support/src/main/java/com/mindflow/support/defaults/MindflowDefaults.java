package com.mindflow.support.defaults;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code mindflow-defaults.properties} as the last property source, so every service starts with the same
 * production defaults (JSON logs, virtual threads, graceful shutdown, probes, Prometheus, Swagger UI) while its own
 * {@code application.yml}, the environment and system properties still win. Runs before the logging system is
 * initialised, which is why the structured log format can be set here.
 */
public class MindflowDefaults implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY_SOURCE_NAME = "mindflowDefaults";
    static final String RESOURCE = "mindflow-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            return;
        }
        try {
            environment.getPropertySources()
                    .addLast(new ResourcePropertySource(PROPERTY_SOURCE_NAME, new ClassPathResource(RESOURCE)));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
