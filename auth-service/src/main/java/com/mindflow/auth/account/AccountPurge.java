package com.mindflow.auth.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the purge of accounts whose grace period has passed; every instance may run it (SKIP LOCKED). */
@Component
class AccountPurge {

    private static final Logger log = LoggerFactory.getLogger(AccountPurge.class);

    private final AccountDeletion deletion;

    AccountPurge(AccountDeletion deletion) {
        this.deletion = deletion;
    }

    @Scheduled(initialDelayString = "${mindflow.auth.account-deletion.purge-every:1m}",
            fixedDelayString = "${mindflow.auth.account-deletion.purge-every:1m}")
    void run() {
        try {
            int erased = deletion.purgeDue();
            if (erased > 0) {
                log.info("Erased {} accounts whose deletion grace period had passed", erased);
            }
        }
        catch (RuntimeException e) {
            // The next run tries again: the accounts stay due, and every consumer of UserDeleted is idempotent.
            log.warn("Account purge failed; retrying on the next run: {}", e.toString());
        }
    }
}
