package com.mindflow.auth.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Attempts allowed per one-minute window, the progressive login delay, and the caps on mails to one address.
 *
 * @param loginPerEmailAndIp    login attempts for one email address from one client address: what one attacker can
 *                              spend on one account, without touching the owner's own address
 * @param loginPerIp            login attempts from one client address, for any email
 * @param loginPerEmail         login attempts for one email address from all addresses together: a brake against
 *                              distributed guessing, well above what one address may reach
 * @param loginFreeFailures     consecutive failed logins of one account before the progressive delay starts
 * @param loginDelayMax         the longest delay; it doubles from 1 s per further failure up to this
 * @param loginFailureMemory    how long the consecutive failures of an account are remembered after the last one
 * @param passwordCheckPerUser  password confirmations (password change, account deletion) per signed-in account
 * @param registerPerIp         registrations from one client address
 * @param passwordResetPerIp    reset requests (and confirmations) from one client address
 * @param mailPerAddressPerHour mails of one kind (verification, reset, sign-up notice) to one address per hour
 * @param mailPerAddressPerDay  mails of one kind to one address per UTC day
 */
@ConfigurationProperties("mindflow.auth.rate-limits")
public record RateLimitSettings(
        @DefaultValue("5") int loginPerEmailAndIp,
        @DefaultValue("20") int loginPerIp,
        @DefaultValue("50") int loginPerEmail,
        @DefaultValue("5") int loginFreeFailures,
        @DefaultValue("30s") Duration loginDelayMax,
        @DefaultValue("15m") Duration loginFailureMemory,
        @DefaultValue("5") int passwordCheckPerUser,
        @DefaultValue("5") int registerPerIp,
        @DefaultValue("5") int passwordResetPerIp,
        @DefaultValue("3") int mailPerAddressPerHour,
        @DefaultValue("10") int mailPerAddressPerDay) {
}
