/**
 * The optional language model (issue #11): an OpenAI-compatible chat endpoint ({@code mindflow.language-model.*},
 * off by default) that may rewrite text MindFlow already composed from non-private material — the answer of
 * {@code POST /api/journal/ask} (query-service) and an insight's summary (ai-processing-service). Callers pass only
 * what they have cleared, and fall back to their own text whenever the model fails.
 */
package com.mindflow.support.languagemodel;
