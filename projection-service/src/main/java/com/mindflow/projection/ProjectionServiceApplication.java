package com.mindflow.projection;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Consumes events and keeps the read database, analytics, MongoDB, Elasticsearch and Redis up to date. Plumbing (security, logs, errors, health) comes from service-support. */
@SpringBootApplication
public class ProjectionServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectionServiceApplication.class, args);
    }
}
