package com.mindflow.support.languagemodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.mindflow.support.testing.StubChatServer;

/** The shared language-model client against a stub OpenAI-compatible server: on only with a URL, never throws. */
class LanguageModelTest {

    private static final StubChatServer STUB = StubChatServer.start();

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LanguageModelAutoConfiguration.class));

    @BeforeEach
    void reset() {
        STUB.answering("You walked the dog on the beach.");
    }

    @AfterAll
    static void stop() {
        STUB.close();
    }

    private ApplicationContextRunner on(String... more) {
        return context.withPropertyValues("mindflow.language-model.base-url=" + STUB.baseUrl(),
                "mindflow.language-model.model=tiny", "mindflow.language-model.timeout=1s",
                "mindflow.language-model.max-tokens=77").withPropertyValues(more);
    }

    @Test
    void offByDefaultAndWithAnEmptyUrl() {
        context.run(c -> assertThat(c).doesNotHaveBean(LanguageModel.class).hasSingleBean(LanguageModelSettings.class));
        context.withPropertyValues("mindflow.language-model.base-url=", "mindflow.language-model.model=tiny")
                .run(c -> assertThat(c).doesNotHaveBean(LanguageModel.class));
        assertThat(STUB.requests()).isEmpty();
    }

    @Test
    void aUrlWithoutAModelRefusesToStart() {
        context.withPropertyValues("mindflow.language-model.base-url=" + STUB.baseUrl())
                .run(c -> assertThat(c).hasFailed());
    }

    @Test
    void writesWithOneChatCompletionRequest() {
        on("mindflow.language-model.api-key=sk-test").run(c -> {
            assertThat(c.getBean(LanguageModel.class).write("test", "Be brief.", "What did I do?"))
                    .hasValue("You walked the dog on the beach.");
            assertThat(STUB.requests()).singleElement().satisfies(body -> assertThat(body.replaceAll("\\s+", ""))
                    .contains("\"model\":\"tiny\"", "\"max_tokens\":77", "\"content\":\"Bebrief.\"",
                            "\"content\":\"WhatdidIdo?\""));
        });
    }

    @Test
    void aFailureOrATimeoutIsEmptyAfterOneAttempt() {
        on().run(c -> {
            LanguageModel model = c.getBean(LanguageModel.class);
            STUB.failing();
            assertThat(model.write("test", "Be brief.", "What did I do?")).isEmpty();
            assertThat(STUB.requests()).hasSize(1);

            STUB.answering("late").slow(Duration.ofSeconds(3));
            long start = System.nanoTime();
            assertThat(model.write("test", "Be brief.", "What did I do?")).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));

            STUB.answering("  ");
            assertThat(model.write("test", "Be brief.", "What did I do?")).isEmpty();
        });
    }
}
