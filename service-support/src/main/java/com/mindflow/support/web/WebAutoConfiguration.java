package com.mindflow.support.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Servlet plumbing every service gets: the in-flight limit. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebAutoConfiguration {

    @Bean
    FilterRegistrationBean<InFlightLimit> inFlightLimit(@Value("${mindflow.web.max-in-flight:64}") int maxInFlight,
            ObjectProvider<MeterRegistry> meters, ObjectProvider<JsonMapper> json) {
        FilterRegistrationBean<InFlightLimit> registration = new FilterRegistrationBean<>(new InFlightLimit(
                maxInFlight, meters.getIfAvailable(SimpleMeterRegistry::new), json.getIfAvailable(JsonMapper::new)));
        // After correlation and request log (a shed request is still recorded), before security's token work.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
