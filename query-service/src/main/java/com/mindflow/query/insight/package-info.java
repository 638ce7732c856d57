/**
 * The caller's AI insights (GET /api/insights, /api/insights/{id}): rows of the analytics database's
 * {@code journal_insights}, which projection-service writes from ai-processing-service's InsightGenerated, and, for
 * an insight requested but not generated yet, ai-processing-service's status in Redis.
 */
package com.mindflow.query.insight;
