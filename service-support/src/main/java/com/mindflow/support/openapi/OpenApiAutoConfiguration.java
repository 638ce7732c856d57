package com.mindflow.support.openapi;

import java.util.ArrayList;
import java.util.List;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import com.mindflow.support.security.CurrentUser;
import com.mindflow.support.security.SecuritySettings;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** Every service's OpenAPI document names the service and declares the bearer token its endpoints need. */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class OpenApiAutoConfiguration {

    static final String BEARER = "bearer-jwt";

    static {
        // The caller comes from the token, not from the request: without this every route documented a "user"
        // query parameter (found by the OpenAPI-driven fuzzer, which then sent one).
        SpringDocUtils.getConfig().addAnnotationsToIgnore(CurrentUser.class);
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI mindflowOpenApi(Environment environment) {
        String service = environment.getProperty("spring.application.name", "mindflow");
        return new OpenAPI()
                .info(new Info().title("MindFlow " + service).version("v1")
                        .description("Errors are RFC 9457 problem details (application/problem+json)."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Problem-detail error responses on every operation; no token on public paths. */
    @Bean
    @ConditionalOnMissingBean
    ProblemResponsesCustomizer mindflowProblemResponses(ObjectProvider<SecuritySettings> settings) {
        List<String> publicPaths = new ArrayList<>(SecuritySettings.ALWAYS_PUBLIC);
        SecuritySettings configured = settings.getIfAvailable();
        if (configured != null) {
            publicPaths.addAll(configured.publicPaths());
        }
        return new ProblemResponsesCustomizer(publicPaths);
    }
}
