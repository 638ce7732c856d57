package com.mindflow.auth.account;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

import com.mindflow.auth.AuthSettings;
import com.mindflow.auth.web.ApiProblem;

/**
 * bcrypt hashing. Checking a password against a missing account still runs one full bcrypt comparison against a
 * dummy hash of the same cost, so an unknown email takes as long as a wrong password.
 *
 * <p>Every hash runs on a small pool of platform threads, one per core, never on the request's virtual thread: a
 * virtual thread busy with 0.3 s of bcrypt holds its carrier, and with a handful of logins in flight every other
 * request (JWKS, refresh, health probes) would queue behind them. Platform threads are time-sliced by the OS, so the
 * cheap requests stay fast while logins saturate the CPU. The queue is bounded: beyond it a login is shed with 503
 * and {@code Retry-After} instead of piling up.
 */
@Component
public class Passwords implements DisposableBean {

    private static final int QUEUE = 256;

    private final BCryptPasswordEncoder encoder;
    private final ThreadPoolExecutor pool;
    private final String dummyHash;

    Passwords(AuthSettings settings) {
        this.encoder = new BCryptPasswordEncoder(settings.bcryptCost());
        int threads = Runtime.getRuntime().availableProcessors();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                Thread.ofPlatform().name("bcrypt-", 0).daemon().factory(), new ThreadPoolExecutor.AbortPolicy());
        this.dummyHash = encoder.encode("not-a-password-" + System.nanoTime());
    }

    public String hash(String password) {
        return run(() -> encoder.encode(password));
    }

    /** Compares in bcrypt time whether or not there is a hash to compare with. */
    public boolean matches(String password, String hashOrNull) {
        if (password == null || password.isEmpty() || PasswordPolicy.tooLongForBcrypt(password)) {
            run(() -> encoder.matches("x", dummyHash));
            return false;
        }
        if (hashOrNull == null) {
            run(() -> encoder.matches(password, dummyHash));
            return false;
        }
        return run(() -> encoder.matches(password, hashOrNull));
    }

    /** True when the hash was made with a lower cost than configured now. */
    public boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }

    private <T> T run(Callable<T> work) {
        try {
            return pool.submit(work).get();
        }
        catch (RejectedExecutionException e) {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "1");
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Too many sign-ins at once; retry shortly",
                    null, headers);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while hashing", e);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("Password hashing failed", e.getCause());
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
