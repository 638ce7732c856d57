package com.mindflow.ai;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Analyses entries and makes weekly, monthly, yearly and custom insights, never from a private entry. Plumbing
 * (security, logs, errors, health) comes from service-support.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AiProcessingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AiProcessingServiceApplication.class, args);
    }
}
