package com.mindflow.auth.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mindflow.auth.unsubscribe.UnsubscribeTokens.Subscription;
import com.mindflow.support.security.UserId;

class UnsubscribeTokensTest {

    private static final UserId USER = new UserId(UUID.randomUUID());

    @TempDir
    Path keys;

    @Test
    void aTokenNamesItsUserAndListAndNothingElseVerifies() {
        UnsubscribeTokens tokens = new UnsubscribeTokens(keys, "https://app.example/");
        String token = tokens.token(USER, MailingList.MONTHLY_INSIGHTS).orElseThrow();

        assertThat(tokens.verify(token)).contains(new Subscription(USER, MailingList.MONTHLY_INSIGHTS));
        assertThat(tokens.url(USER, MailingList.MONTHLY_INSIGHTS))
                .contains("https://app.example/api/auth/unsubscribe?token=" + token);

        byte[] raw = Base64.getUrlDecoder().decode(token);
        raw[17] = 1; // the same user's weekly list instead
        assertThat(tokens.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(raw))).isEmpty();
        raw = Base64.getUrlDecoder().decode(token);
        raw[5] ^= 1; // another user
        assertThat(tokens.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(raw))).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify("forged")).isEmpty();
        assertThat(tokens.verify("%%%")).isEmpty();
        assertThat(tokens.verify("a".repeat(5000))).isEmpty();
    }

    @Test
    void theKeyIsWrittenOncePrivatelyAndSharedByReplicas() throws Exception {
        UnsubscribeTokens first = new UnsubscribeTokens(keys, "https://app.example");
        UnsubscribeTokens second = new UnsubscribeTokens(keys, "https://app.example");

        Path file = keys.resolve(UnsubscribeTokens.KEY_FILE);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(second.verify(first.token(USER, MailingList.WRITING_REMINDER).orElseThrow()))
                .contains(new Subscription(USER, MailingList.WRITING_REMINDER));
        try (var files = Files.list(keys)) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void aKeyFromASecretIsRead() throws Exception {
        Files.writeString(keys.resolve(UnsubscribeTokens.KEY_FILE),
                Base64.getMimeEncoder().encodeToString(new byte[48]) + "\n");

        assertThat(new UnsubscribeTokens(keys, "https://app.example").available()).isTrue();
    }

    @Test
    void withoutAKeyNoLinkIsMadeAndNoTokenVerifies() throws Exception {
        Files.writeString(keys.resolve(UnsubscribeTokens.KEY_FILE), "c2hvcnQ="); // 5 bytes: too short
        UnsubscribeTokens tokens = new UnsubscribeTokens(keys, "https://app.example");

        assertThat(tokens.available()).isFalse();
        assertThat(tokens.url(USER, MailingList.WEEKLY_INSIGHTS)).isEmpty();
        assertThat(tokens.verify("AQ" + "A".repeat(64))).isEmpty();
    }
}
