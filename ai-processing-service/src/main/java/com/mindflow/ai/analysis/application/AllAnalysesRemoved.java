package com.mindflow.ai.analysis.application;

import java.util.UUID;

/**
 * Every finding of the user is gone (private mode on, data-processing consent withdrawn, account erased): so must be
 * everything computed from them. A Spring application event, inside this service only.
 */
public record AllAnalysesRemoved(UUID userId) {
}
