package com.mindflow.auth.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.mindflow.auth.web.InvalidField;

/**
 * What a new password must be: at least 12 characters, at most 72 UTF-8 bytes (bcrypt ignores the rest), not on
 * the shipped list of common passwords, and not the account's email address.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    static final int MAX_BYTES = 72;

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load("common-passwords.txt");
    }

    /** @param field the request field named in the refusal, e.g. {@code password} or {@code newPassword} */
    public void check(String field, String password, String email) {
        if (password == null || password.isEmpty()) {
            throw new InvalidField(field, "A password is required");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new InvalidField(field, "The password must have at least " + MIN_LENGTH + " characters");
        }
        if (tooLongForBcrypt(password)) {
            throw new InvalidField(field, "The password must be at most " + MAX_BYTES + " bytes long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            throw new InvalidField(field, "This password is too common; choose another");
        }
        if (email != null && lower.equals(email.toLowerCase(Locale.ROOT))) {
            throw new InvalidField(field, "The password must not be the email address");
        }
    }

    static boolean tooLongForBcrypt(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }

    private static Set<String> load(String resource) {
        Set<String> words = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .forEach(words::add);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        return Set.copyOf(words);
    }
}
