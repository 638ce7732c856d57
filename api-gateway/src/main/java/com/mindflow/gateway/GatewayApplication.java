package com.mindflow.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The one base URL for clients: routes each request by path and method to the service that owns it (see
 * {@code application.yml} and DESIGN-NOTES.md). It adds no authentication of its own; every service validates the
 * access token itself.
 */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
