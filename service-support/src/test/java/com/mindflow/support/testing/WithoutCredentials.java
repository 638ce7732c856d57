package com.mindflow.support.testing;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Starts a service as a production deployment that forgot its Secrets would, to see how it refuses. */
public final class WithoutCredentials {

    private WithoutCredentials() {
    }

    /** The message the start of {@code application} fails with outside the local profile and without credentials. */
    public static String refusal(Class<?> application) {
        try {
            new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
                    .run("--spring.profiles.active=production").close();
        }
        catch (RuntimeException refused) {
            return refused.getMessage();
        }
        throw new AssertionError(application.getSimpleName() + " started without any credential");
    }
}
