package com.mindflow.auth.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTextTest {

    @ParameterizedTest
    @ValueSource(strings = { "Ana Silva", "J.R.R. Tolkien", "Dr. Who", "O'Brien-Smith", "Zoë 😀", "João 2.0" })
    void keepsOrdinaryNames(String name) {
        assertThat(PlainText.displayName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Ana\r\nBcc: victim@example.com", "Ana\nSilva", "Ana\u2028Silva", "Ana\u0000Silva",
            "Ana\tSilva" })
    void putsEverythingOnOneLine(String name) {
        String line = PlainText.displayName(name);
        if (line != null) {
            assertThat(line).doesNotContainPattern("[\\r\\n\\t\\u0000\\u2028]").startsWith("Ana").endsWith("Silva");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://evil.example/login", "HTTPS://x", "see www.evil.com", "evil.com",
            "support@evil.example", "evil\u3002com", "ww\uFF20x", "javascript:alert(1)", "mailto:a", "Ana\nevil.com",
            "ftp://x", "192.168.0.1" })
    void leavesOutAnythingAMailClientCouldLink(String name) {
        assertThat(PlainText.displayName(name)).isNull();
        assertThat(PlainText.greeting(name)).isEqualTo("Hello,");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\u202Egnp.exe", "Ana\u202ESilva" })
    void dropsBidiOverrides(String name) {
        String line = PlainText.displayName(name);
        assertThat(line == null ? "" : line).doesNotContain("\u202E");
    }
}
