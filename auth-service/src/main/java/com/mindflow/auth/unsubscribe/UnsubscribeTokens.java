package com.mindflow.auth.unsubscribe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.mindflow.auth.AuthSettings;
import com.mindflow.support.security.UserId;

/**
 * The tokens of one-click unsubscribe links: an HMAC-SHA256 over the user id and the {@link MailingList}, so the
 * link itself is the authorization and nothing is stored per mail. They do not expire (a digest is read weeks later,
 * and using one twice only turns the same flag off again); replacing the key invalidates every link sent.
 *
 * <p>The key is a file in the signing-key folder ({@code mindflow.auth.keys-dir}), the auth-service's one place for
 * secrets: generated there on first start when the folder is writable (replicas sharing the folder agree on the one
 * file that got there first), added to the Secret where the folder is a read-only mount (32+ random bytes, Base64).
 * Not a signing key of the {@code KeyRing}: those rotate every 30 days and would break links in mails still unread.
 * Without a key the service runs, but sends no mail that needs an unsubscribe link (logged as an error).
 */
@Component
public class UnsubscribeTokens {

    static final String KEY_FILE = "unsubscribe-hmac.key";
    static final String PATH = "/api/auth/unsubscribe";

    private static final Logger log = LoggerFactory.getLogger(UnsubscribeTokens.class);
    private static final int KEY_BYTES = 32;
    private static final byte VERSION = 1;
    private static final int BODY = 1 + 16 + 1;
    private static final int MAC = 32;
    private static final Duration RETRY_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keyFile;
    private final String baseUrl;
    private volatile SecretKeySpec key;
    private Instant lastAttempt = Instant.EPOCH;
    private boolean reported;

    @Autowired
    UnsubscribeTokens(AuthSettings settings) {
        this(settings.keysDir(), settings.publicBaseUrl());
    }

    UnsubscribeTokens(Path keysDir, String publicBaseUrl) {
        this.keyFile = keysDir.resolve(KEY_FILE);
        this.baseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
        key(); // at start: a missing key shows in the start-up log, and replicas agree on one file early
    }

    /** The link whose POST takes {@code user} off {@code list}; empty when there is no key (send no such mail). */
    public Optional<String> url(UserId user, MailingList list) {
        return token(user, list).map(token -> baseUrl + PATH + "?token=" + token);
    }

    Optional<String> token(UserId user, MailingList list) {
        SecretKeySpec k = key();
        if (k == null) {
            return Optional.empty();
        }
        ByteBuffer body = ByteBuffer.allocate(BODY).put(VERSION)
                .putLong(user.value().getMostSignificantBits()).putLong(user.value().getLeastSignificantBits())
                .put(list.code());
        byte[] token = Arrays.copyOf(body.array(), BODY + MAC);
        System.arraycopy(mac(k, body.array()), 0, token, BODY, MAC);
        return Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(token));
    }

    /** Whose subscription to what the token names; empty for anything not made with the current key. */
    Optional<Subscription> verify(String token) {
        SecretKeySpec k = key();
        if (k == null || token == null || token.length() > 100) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        }
        catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (raw.length != BODY + MAC || raw[0] != VERSION) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOf(raw, BODY);
        if (!MessageDigest.isEqual(mac(k, body), Arrays.copyOfRange(raw, BODY, raw.length))) {
            return Optional.empty();
        }
        ByteBuffer read = ByteBuffer.wrap(body, 1, 17);
        UserId user = new UserId(new UUID(read.getLong(), read.getLong()));
        MailingList list = MailingList.ofCode(read.get());
        return list == null ? Optional.empty() : Optional.of(new Subscription(user, list));
    }

    /** Whether links can be made, i.e. list mails can go out. */
    public boolean available() {
        return key() != null;
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            // A read-only Secret may get the file later (mounted Secrets update in place): look again, not too often.
            Instant now = Instant.now();
            if (key == null && lastAttempt.plus(RETRY_EVERY).isBefore(now)) {
                lastAttempt = now;
                key = load();
            }
            return key;
        }
    }

    private SecretKeySpec load() {
        try {
            if (!Files.exists(keyFile)) {
                create();
            }
            byte[] secret = decode(Files.readString(keyFile, StandardCharsets.US_ASCII));
            if (secret.length < KEY_BYTES) {
                throw new IOException("holds fewer than " + KEY_BYTES + " bytes");
            }
            return new SecretKeySpec(secret, "HmacSHA256");
        }
        catch (IOException | IllegalArgumentException e) {
            if (!reported) {
                reported = true;
                log.error("No key for unsubscribe links at {} ({}): insight digests and writing reminders are not "
                        + "sent until a file of {}+ random bytes in Base64 is there", keyFile.toAbsolutePath(),
                        e.toString(), KEY_BYTES);
            }
            return null;
        }
    }

    /** Writes a new key unless another replica's appears first; never replaces a key (that would void links). */
    private void create() throws IOException {
        Files.createDirectories(keyFile.getParent());
        byte[] secret = new byte[KEY_BYTES];
        RANDOM.nextBytes(secret);
        Path tmp = Files.createTempFile(keyFile.getParent(), ".unsubscribe", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the folder's own permissions have to do
            }
            Files.writeString(tmp, Base64.getEncoder().encodeToString(secret), StandardCharsets.US_ASCII);
            try {
                // A hard link appears complete or not at all, and fails when the name exists: first one wins.
                Files.createLink(keyFile, tmp);
                log.info("Generated the key for unsubscribe links in {}", keyFile.toAbsolutePath());
            }
            catch (FileAlreadyExistsException another) {
                // another replica was faster: use its key
            }
            catch (UnsupportedOperationException noLinks) {
                try {
                    Files.move(tmp, keyFile); // not atomic against a racing replica, but never replaces a key
                }
                catch (FileAlreadyExistsException another) {
                    // use the other replica's
                }
            }
        }
        finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Base64 as a Secret or openssl writes it, standard or URL alphabet, padding and line breaks optional. */
    private static byte[] decode(String text) {
        String normalized = text.replaceAll("\\s", "").replace('-', '+').replace('_', '/').replace("=", "");
        return Base64.getDecoder().decode(normalized);
    }

    private static byte[] mac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** A user's subscription to one list. */
    record Subscription(UserId user, MailingList list) {
    }
}
