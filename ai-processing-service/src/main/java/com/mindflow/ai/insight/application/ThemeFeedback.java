package com.mindflow.ai.insight.application;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Themes the user marked wrong ({@code ai_theme_feedback}): never offered again. */
public interface ThemeFeedback {

    void reject(UUID userId, String theme, Instant at);

    /** Lower case. */
    Set<String> rejected(UUID userId);

    void removeAll(UUID userId);
}
