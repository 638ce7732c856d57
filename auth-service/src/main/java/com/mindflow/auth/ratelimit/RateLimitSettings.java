package com.mindflow.auth.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Attempts allowed per one-minute window.
 *
 * @param loginPerEmail         login attempts for one email address, from anywhere
 * @param loginPerIp            login attempts from one client address, for any email
 * @param registerPerIp         registrations from one client address
 * @param passwordResetPerIp    reset requests (and confirmations) from one client address
 * @param passwordResetPerEmail reset mails for one email address
 */
@ConfigurationProperties("mindflow.auth.rate-limits")
public record RateLimitSettings(
        @DefaultValue("5") int loginPerEmail,
        @DefaultValue("5") int loginPerIp,
        @DefaultValue("5") int registerPerIp,
        @DefaultValue("5") int passwordResetPerIp,
        @DefaultValue("3") int passwordResetPerEmail) {
}
