package com.mindflow.ai;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Analyses entries and generates weekly and monthly insights, never from a private entry. Plumbing (security, logs, errors, health) comes from service-support. */
@SpringBootApplication
public class AiProcessingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AiProcessingServiceApplication.class, args);
    }
}
