package com.mindflow.query.consistency;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.databind.json.JsonMapper;

/** Puts {@link ReadYourWrites} in front of every API read. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsistencySettings.class)
class ConsistencyConfiguration implements WebMvcConfigurer {

    private final StoreVersions versions;
    private final VersionWaits waits;
    private final ConsistencySettings settings;
    private final JsonMapper json;

    ConsistencyConfiguration(StoreVersions versions, VersionWaits waits, ConsistencySettings settings,
            JsonMapper json) {
        this.versions = versions;
        this.waits = waits;
        this.settings = settings;
        this.json = json;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ReadYourWrites(versions, waits, settings, json)).addPathPatterns("/api/**");
    }
}
