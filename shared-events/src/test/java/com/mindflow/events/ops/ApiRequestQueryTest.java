package com.mindflow.events.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Search text is never stored, secrets are masked, the rest is kept as sent. */
class ApiRequestQueryTest {

    @Test
    void dropsSearchTextMasksSecretsKeepsTheRest() {
        Map<String, String> query = ApiRequestQuery.sanitize("q=my+secret+diary&limit=10&Prefix=lov&tag=grief&TAG=x"
                + "&access_token=abc&Password=p%40ss&code=xyz&cursor=c1&sort=date&sort=mood&flag");

        assertThat(query).containsExactly(Map.entry("limit", "10"), Map.entry("access_token", "***"),
                Map.entry("Password", "***"), Map.entry("code", "***"), Map.entry("cursor", "c1"),
                Map.entry("sort", "date,mood"), Map.entry("flag", ""));
        assertThat(query.toString()).doesNotContain("diary", "lov", "grief", "abc", "p@ss", "xyz");
    }

    @Test
    void noneAndEmptyAreEmptyAndLongValuesAreCut() {
        assertThat(ApiRequestQuery.sanitize(null)).isEmpty();
        assertThat(ApiRequestQuery.sanitize("")).isEmpty();
        assertThat(ApiRequestQuery.sanitize("%q=1&q%3D=2&=3")).containsOnlyKeys("%q", "q=");
        assertThat(ApiRequestQuery.sanitize("note=" + "x".repeat(600)).get("note")).hasSize(500);
    }
}
