package com.mindflow.command.export;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.command.export.AccountSnapshots.AccountSnapshot;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.user.UserDataExportRequested;
import com.mindflow.outbox.OutboxWriter;
import com.mindflow.support.correlation.Correlation;

/**
 * Starting an export: the row and {@link UserDataExportRequested} in one transaction (the event is what the audit
 * trail records as {@code DATA_EXPORT}), the account data captured first (see {@link AccountSnapshots}).
 */
@Service
class DataExportRequests {

    private final DataExports exports;
    private final AccountSnapshots accounts;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final ExportSettings settings;
    private final Clock clock;

    DataExportRequests(DataExports exports, AccountSnapshots accounts, OutboxWriter outbox, TransactionTemplate tx,
            ExportSettings settings, Clock clock) {
        this.exports = exports;
        this.accounts = accounts;
        this.outbox = outbox;
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
    }

    DataExport request(UUID user, String authorization) {
        // Answered before the calls to the other services; the unique index below is what really decides.
        exports.inProgress(user).ifPresent(running -> {
            throw new ExportInProgress(running.id());
        });
        AccountSnapshot account = accounts.take(authorization);
        DataExportId id = DataExportId.random();
        Instant now = clock.instant();
        try {
            tx.executeWithoutResult(status -> {
                exports.insert(id, user, account.json(), now, now.plus(settings.retention()));
                String correlation = Correlation.current();
                outbox.append(EventEnvelope.of(new UserDataExportRequested(user, id.value(), account.email(), now),
                        correlation != null ? correlation : Correlation.newId()));
            });
        }
        catch (DuplicateKeyException concurrent) {
            throw new ExportInProgress(exports.inProgress(user).map(DataExport::id).orElse(null));
        }
        return exports.find(id, user).orElseThrow();
    }
}
