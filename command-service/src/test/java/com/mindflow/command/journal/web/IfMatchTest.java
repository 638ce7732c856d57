package com.mindflow.command.journal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IfMatchTest {

    @Test
    void readsQuotedUnquotedAndWeakVersions() {
        assertThat(IfMatch.version("\"3\"")).isEqualTo(3);
        assertThat(IfMatch.version("3")).isEqualTo(3);
        assertThat(IfMatch.version(" W/\"12\" ")).isEqualTo(12);
    }

    @Test
    void anythingElseNamesNoVersion() {
        assertThat(IfMatch.version("*")).isNull();
        assertThat(IfMatch.version("\"1\", \"2\"")).isNull();
        assertThat(IfMatch.version("\"\"")).isNull();
        assertThat(IfMatch.version("-1")).isNull();
        assertThat(IfMatch.version("99999999999")).isNull();
    }
}
