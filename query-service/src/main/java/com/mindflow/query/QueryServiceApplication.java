package com.mindflow.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

/** Every read: journals, search, tags, moods, stats, activity and insights from the read stores. Plumbing (security, logs, errors, health) comes from service-support. */
@SpringBootApplication
@Import(ReadAndAnalyticsDatabases.class)
public class QueryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryServiceApplication.class, args);
    }
}
