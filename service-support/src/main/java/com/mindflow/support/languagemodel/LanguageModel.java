package com.mindflow.support.languagemodel;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;

/**
 * The optional language model: one chat completion per call, from instructions and material the caller has already
 * cleared for it (MindFlow sends nothing of a private entry). Never throws: a failure, a timeout or an empty answer is
 * logged at WARN (the kind of failure only: never the prompt, the answer, or the server's error body, which may echo
 * the prompt) and comes back empty, and the caller keeps the text it wrote itself.
 */
public final class LanguageModel {

    private static final Logger log = LoggerFactory.getLogger(LanguageModel.class);

    private final ChatModel chat;

    public LanguageModel(ChatModel chat) {
        this.chat = chat;
    }

    /**
     * @param purpose      what the text is for, for the log ("ask answer", "insight summary")
     * @param instructions the system message
     * @param material     the user message: the question and the cleared passages or facts
     */
    public Optional<String> write(String purpose, String instructions, String material) {
        try {
            String text = chat.chat(SystemMessage.from(instructions), UserMessage.from(material)).aiMessage().text();
            if (text == null || text.isBlank()) {
                log.warn("Language model gave an empty {}; using MindFlow's own text", purpose);
                return Optional.empty();
            }
            return Optional.of(text.strip());
        }
        catch (RuntimeException e) {
            log.warn("Language model failed to write the {} ({}); using MindFlow's own text", purpose, kind(e));
            return Optional.empty();
        }
    }

    /** The exception's class chain and, for an HTTP error, its status: no message, which may quote the prompt. */
    static String kind(Throwable e) {
        StringBuilder kind = new StringBuilder();
        for (Throwable t = e; t != null && kind.length() < 300; t = t.getCause() == t ? null : t.getCause()) {
            if (!kind.isEmpty()) {
                kind.append(" <- ");
            }
            kind.append(t.getClass().getSimpleName());
            if (t instanceof HttpException http) {
                kind.append(" status ").append(http.statusCode());
            }
        }
        return kind.toString();
    }
}
