package com.mindflow.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientInfoTest {

    @Test
    void keepsIpLiteralsAndDropsAnythingElseAProxyForwarded() {
        assertThat(address("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(address("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(address("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(address("198.51.100.8081")).isNull();
        assertThat(address("unknown")).isNull();
        assertThat(address("1.2.3.4'; drop table users")).isNull();
    }

    @Test
    void cutsOverlongUserAgents() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("User-Agent", "x".repeat(600));
        assertThat(ClientInfo.of(request).userAgent()).hasSize(500);
    }

    private static String address(String remote) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(remote);
        return ClientInfo.of(request).ipAddress();
    }
}
