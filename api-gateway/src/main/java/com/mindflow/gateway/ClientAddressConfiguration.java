package com.mindflow.gateway;

import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The client-address rule ({@link ClientAddress}), shared by the request log and the services' forwarded header. */
@Configuration(proxyBeanMethods = false)
class ClientAddressConfiguration {

    @Bean
    ClientAddress clientAddress(Environment environment) {
        return new ClientAddress(environment.getProperty(TrustedProxies.PROPERTY));
    }

    @Bean
    ForwardedClient forwardedClient(ClientAddress clientAddress) {
        return new ForwardedClient(clientAddress);
    }
}
