package com.mindflow.ai.insight.application;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.mindflow.ai.insight.domain.InsightPeriod;

/** Every insight this service owes or made ({@code ai_insights}), and who works on which. */
public interface InsightLedger {

    enum Status { PENDING, PROCESSING, COMPLETED, EMPTY, FORGOTTEN, FAILED }

    /**
     * @param published whether an {@code InsightGenerated} of it was ever sent (an empty regeneration then
     *                  withdraws it)
     */
    record InsightRecord(UUID insightId, UUID userId, InsightPeriod period, Status status, int attempts,
            boolean published, Instant claimedAt) {
    }

    Optional<InsightRecord> find(UUID insightId, UUID userId);

    /** Custom insights of the user still waiting or being made. */
    int openCustom(UUID userId);

    void requestCustom(UUID insightId, UUID userId, InsightPeriod period, Instant at);

    /**
     * Claims the period for every account in {@code zone} (accounts without one count as UTC) that may be analysed
     * and has analysed entries in it; the unique period index makes this the lock between instances.
     *
     * @return how many insights were newly owed
     */
    int schedule(ZoneId zone, InsightPeriod period, Instant at);

    /** The zones of the accounts that may be analysed. */
    List<ZoneId> zones();

    /** Takes up to {@code max} insights to make: waiting ones, and those whose claim is older than {@code lease}. */
    List<InsightRecord> claim(int max, Duration lease, Instant now);

    /** Records the outcome, unless the insight was claimed again meanwhile (then that claim's outcome counts). */
    boolean finish(InsightRecord claimed, Status status, Instant at);

    /** A failed attempt: waits for another, or {@link Status#FAILED} after the last. */
    void failed(InsightRecord claimed, int maxAttempts);

    /** The user's made insights whose period holds one of the days must be made again. */
    int stale(UUID userId, List<LocalDate> dates);

    boolean forget(UUID insightId, UUID userId);

    /** The insight must be made again (e.g. after theme feedback); false when it is not the user's or forgotten. */
    boolean remake(UUID insightId, UUID userId);

    /** Forgets every insight record of the user; returns the ids of its custom insights. */
    List<UUID> removeAll(UUID userId);
}
