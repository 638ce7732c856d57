package com.mindflow.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mindflow.auth.ratelimit.RateLimitSettings;
import com.mindflow.auth.support.Api;
import com.mindflow.auth.support.AuthITSupport;
import com.mindflow.auth.support.Mailbox.Mail;

/**
 * Mails to one address are capped per hour and per day, per kind. Over a cap the request answers exactly as before
 * and no mail goes out. Each request comes from another device, so no per-address request limit answers instead.
 */
class MailCapIT extends AuthITSupport {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMdd-HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    @Autowired
    RateLimitSettings limits;

    @Test
    void resetMailsStopAtTheHourlyCapWithTheSameAnswer() {
        Api api = api();
        var user = register(api);
        String hour = HOUR.format(Instant.now());
        for (int i = 0; i < limits.mailPerAddressPerHour(); i++) {
            assertThat(resetFor(api, user.email()).status()).isEqualTo(202);
        }
        awaitMails(user.email(), "Reset your MindFlow password", limits.mailPerAddressPerHour());

        Api.Response over = resetFor(api, user.email());

        assertThat(over.status()).isEqualTo(202);
        assertThat(over.body()).isEmpty();
        if (hour.equals(HOUR.format(Instant.now()))) { // a new hour would rightly start a new count
            assertNoMoreMails(user.email(), "Reset your MindFlow password", limits.mailPerAddressPerHour());
        }
    }

    @Test
    void resetMailsStopAtTheDailyCap() {
        Api api = api();
        var user = register(api);
        redis.opsForValue().set("ratelimit:mail:password-reset:" + emailKey(user.email()) + ":"
                + DAY.format(Instant.now()), Integer.toString(limits.mailPerAddressPerDay()), Duration.ofMinutes(5));

        assertThat(resetFor(api, user.email()).status()).isEqualTo(202);

        assertNoMoreMails(user.email(), "Reset your MindFlow password", 0);
    }

    @Test
    void aCappedUnknownAddressAnswersTheSameToo() {
        Api api = api();
        String nobody = randomEmail();
        for (int i = 0; i <= limits.mailPerAddressPerHour(); i++) {
            Api.Response response = resetFor(api, nobody);
            assertThat(response.status()).isEqualTo(202);
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void verificationMailsAreCappedPerAddress() {
        String email = randomEmail();
        redis.opsForValue().set("ratelimit:mail:verification:" + emailKey(email) + ":" + HOUR.format(Instant.now()),
                Integer.toString(limits.mailPerAddressPerHour()), Duration.ofMinutes(5));

        Api.Response response = api().post("/api/auth/register", registration(email, PASSWORD));

        assertThat(response.status()).isEqualTo(201);
        assertNoMoreMails(email, "Confirm your MindFlow email", 0);
    }

    @Test
    void signUpNoticesToAnOwnerAreCappedLikeTheOtherMails() {
        var owner = register(api());
        String hour = HOUR.format(Instant.now());
        for (int i = 0; i <= limits.mailPerAddressPerHour(); i++) {
            Api.Response again = api().post("/api/auth/register", registration(owner.email(), PASSWORD + " again"));
            assertThat(again.status()).isEqualTo(201);
        }
        awaitMails(owner.email(), "Someone tried to sign up", limits.mailPerAddressPerHour());
        if (hour.equals(HOUR.format(Instant.now()))) {
            assertNoMoreMails(owner.email(), "Someone tried to sign up", limits.mailPerAddressPerHour());
        }
    }

    private static Api.Response resetFor(Api api, String email) {
        return api.anotherDevice().post("/api/auth/password-reset", Map.of("email", email));
    }

    private void awaitMails(String address, String subject, int count) {
        await(Duration.ofSeconds(20), () -> mails(address, subject) >= count, count + " mails '" + subject + "'");
    }

    /** Mails are sent asynchronously: give a mail that should not exist the time one that should would take. */
    private void assertNoMoreMails(String address, String subject, int count) {
        try {
            Thread.sleep(2000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(mails(address, subject)).isEqualTo(count);
    }

    private long mails(String address, String subject) {
        return mailbox().all(address).stream().map(Mail::subject).filter(s -> s.contains(subject)).count();
    }
}
