package com.mindflow.projection;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

/** Consumes events and keeps the read database, analytics, MongoDB, Elasticsearch and Redis up to date. Plumbing (security, logs, errors, health) comes from service-support. */
@SpringBootApplication
@Import(ReadAndAnalyticsDatabases.class)
public class ProjectionServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectionServiceApplication.class, args);
    }
}
