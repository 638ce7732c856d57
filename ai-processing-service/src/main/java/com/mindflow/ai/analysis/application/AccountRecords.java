package com.mindflow.ai.analysis.application;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What the analysis must know of an account: whether it may be analysed at all, and its language. */
public interface AccountRecords {

    /** @param privateMode the user's {@code user_settings.private_mode} */
    record Account(boolean privateMode, String language, boolean erased) {
    }

    Optional<Account> find(UUID userId);

    /** Records the settings as of {@code at}; false when a newer change was already recorded (nothing changed). */
    boolean privateMode(UUID userId, boolean privateMode, Instant at);

    void language(UUID userId, String language);

    void erased(UUID userId, Instant at);
}
