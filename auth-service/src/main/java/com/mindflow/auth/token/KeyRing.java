package com.mindflow.auth.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The RS256 signing keys, one JWK file per key in a folder, so a restart (or a second replica sharing the folder)
 * keeps every issued token valid.
 *
 * <p>Rotation: the newest key signs. When it is older than the rotation period a new key is generated; the previous
 * key stays published in the JWKS until every token it signed has expired (its successor's age exceeds the
 * access-token lifetime plus clock skew), then it is dropped. In Kubernetes the folder is a Secret mount: when it is
 * read-only and holds a key, nothing is written and rotation is done by updating the Secret.
 */
public class KeyRing {

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);
    private static final String SUFFIX = ".jwk.json";
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(10);

    private final Path dir;
    private final Duration rotation;
    private final Duration retiredKeyGrace;
    private final Clock clock;

    private volatile State state = new State(List.of());
    private volatile Instant lastReload = Instant.EPOCH;

    public KeyRing(Path dir, Duration rotation, Duration accessTokenTtl, Clock clock) {
        this.dir = dir;
        this.rotation = rotation;
        this.retiredKeyGrace = accessTokenTtl.plus(CLOCK_SKEW);
        this.clock = clock;
        refresh();
    }

    /** Loads the folder, rotates if due, and drops keys no token can still need. Cheap; runs on a schedule. */
    public synchronized void refresh() {
        List<RSAKey> keys = load();
        Instant now = clock.instant();
        if (keys.isEmpty() || issued(keys.getFirst()).plus(rotation).isBefore(now)) {
            RSAKey fresh = generate(now);
            try {
                write(fresh);
                keys.addFirst(fresh);
                log.info("Generated signing key {} in {}", fresh.getKeyID(), dir.toAbsolutePath());
            }
            catch (UncheckedIOException e) {
                if (keys.isEmpty()) {
                    throw e;
                }
                log.warn("Signing key {} is due for rotation but {} is not writable; rotate it in the Secret",
                        keys.getFirst().getKeyID(), dir.toAbsolutePath());
            }
        }
        List<RSAKey> kept = new ArrayList<>();
        kept.add(keys.getFirst());
        for (int i = 1; i < keys.size(); i++) {
            // Key i stopped signing when key i-1 appeared; its tokens are dead after the grace period.
            if (issued(keys.get(i - 1)).plus(retiredKeyGrace).isAfter(now)) {
                kept.add(keys.get(i));
            }
            else {
                retire(keys.get(i));
            }
        }
        state = new State(List.copyOf(kept));
        lastReload = now;
    }

    /** The key that signs new tokens. */
    public RSAKey signingKey() {
        return state.keys().getFirst();
    }

    /** The public halves of every key whose tokens may still be alive. */
    public JWKSet publicJwks() {
        return new JWKSet(state.keys().stream().map(k -> (JWK) k.toPublicJWK()).toList());
    }

    /**
     * Verification keys for the local decoder. An unknown kid triggers a reload (at most every few seconds), so a
     * key another replica just generated in the shared folder is found without a restart.
     */
    public JWKSource<SecurityContext> verificationKeys() {
        return (selector, context) -> {
            List<JWK> found = selector.select(publicJwks());
            Instant now = clock.instant();
            if (found.isEmpty() && lastReload.plus(RELOAD_AT_MOST_EVERY).isBefore(now)) {
                refresh();
                found = selector.select(publicJwks());
            }
            return found;
        };
    }

    private List<RSAKey> load() {
        try {
            Files.createDirectories(dir);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create the signing-key folder " + dir.toAbsolutePath(), e);
        }
        List<RSAKey> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                try {
                    JWK jwk = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
                    if (jwk instanceof RSAKey rsa && rsa.isPrivate() && rsa.getIssueTime() != null) {
                        keys.add(rsa);
                    }
                    else {
                        log.warn("Ignoring {}: not a private RSA JWK with an iat", file.getFileName());
                    }
                }
                catch (ParseException e) {
                    log.warn("Ignoring unreadable signing key file {}", file.getFileName());
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing-key folder " + dir.toAbsolutePath(), e);
        }
        keys.sort(Comparator.comparing(KeyRing::issued).reversed());
        return keys;
    }

    private static RSAKey generate(Instant now) {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .issueTime(Date.from(now))
                    .generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    private void write(RSAKey key) {
        Path target = file(key);
        try {
            Path tmp = Files.createTempFile(dir, ".key", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the folder's own permissions have to do
            }
            Files.writeString(tmp, key.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write a signing key to " + dir.toAbsolutePath()
                    + " (a read-only key folder must already hold a current key)", e);
        }
    }

    private void retire(RSAKey key) {
        try {
            Files.deleteIfExists(file(key));
            log.info("Retired signing key {}", key.getKeyID());
        }
        catch (IOException e) {
            log.debug("Could not delete retired key {} (read-only folder?)", key.getKeyID());
        }
    }

    private Path file(RSAKey key) {
        return dir.resolve(issued(key).getEpochSecond() + "-" + key.getKeyID() + SUFFIX);
    }

    private static Instant issued(RSAKey key) {
        return key.getIssueTime().toInstant();
    }

    private record State(List<RSAKey> keys) {
    }
}
