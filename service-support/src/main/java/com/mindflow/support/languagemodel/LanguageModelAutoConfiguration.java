package com.mindflow.support.languagemodel;

import java.net.http.HttpClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.openai.OpenAiChatModel;

/**
 * A {@link LanguageModel} for services that bring LangChain4j's OpenAI client and set
 * {@code mindflow.language-model.base-url}; without the URL there is no bean and nothing is ever sent. Users take it
 * as {@code Optional<LanguageModel>}.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAiChatModel.class)
@EnableConfigurationProperties(LanguageModelSettings.class)
public class LanguageModelAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @Conditional(BaseUrlSet.class)
    LanguageModel languageModel(LanguageModelSettings settings) {
        if (!StringUtils.hasText(settings.model())) {
            throw new IllegalStateException("mindflow.language-model.model is required when "
                    + LanguageModelSettings.BASE_URL + " is set");
        }
        return new LanguageModel(OpenAiChatModel.builder()
                // HTTP/1.1: a plain-http local server gets no h2c upgrade to get wrong.
                .httpClientBuilder(JdkHttpClient.builder()
                        .httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)))
                .baseUrl(settings.baseUrl().strip())
                .apiKey(StringUtils.hasText(settings.apiKey()) ? settings.apiKey() : "none")
                .modelName(settings.model())
                .timeout(settings.timeout())
                .maxTokens(settings.maxTokens())
                .temperature(0.2)
                // One attempt: the caller has its own text to fall back on, and the user is waiting.
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build());
    }

    /** {@code base-url} set and not blank (an empty value, the default, is "off"). */
    static final class BaseUrlSet extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty(LanguageModelSettings.BASE_URL))
                    ? ConditionOutcome.match(LanguageModelSettings.BASE_URL + " is set")
                    : ConditionOutcome.noMatch(LanguageModelSettings.BASE_URL + " is empty: no language model");
        }
    }
}
