package com.mindflow.support.languagemodel;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mindflow.language-model.*}: the optional OpenAI-compatible chat endpoint. Off unless {@code base-url} is set.
 *
 * @param baseUrl   the API root the client appends {@code /chat/completions} to, e.g.
 *                  {@code http://127.0.0.1:11434/v1} (Ollama) or {@code http://127.0.0.1:8080/v1} (llama.cpp);
 *                  empty (the default) = no language model
 * @param model     the model the server is asked for ({@code model} of the request); required when on
 * @param apiKey    sent as {@code Authorization: Bearer …}; optional (local servers need none)
 * @param timeout   connect and answer deadline of one request; past it the caller falls back to its own text
 * @param maxTokens {@code max_tokens} of every request
 */
@ConfigurationProperties("mindflow.language-model")
public record LanguageModelSettings(String baseUrl, String model, String apiKey,
        @DefaultValue("20s") Duration timeout, @DefaultValue("300") int maxTokens) {

    public static final String BASE_URL = "mindflow.language-model.base-url";

    public boolean on() {
        return baseUrl != null && !baseUrl.isBlank();
    }
}
