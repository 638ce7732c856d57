package com.mindflow.events.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Only paging, sorting and period parameters are kept; secrets are masked; everything else is left out. */
class ApiRequestQueryTest {

    @Test
    void dropsSearchTextMasksSecretsKeepsTheRest() {
        Map<String, String> query = ApiRequestQuery.sanitize("q=my+secret+diary&limit=10&Prefix=lov&tag=grief&TAG=x"
                + "&tags=sorrow&moods=SAD&mood=ANGRY&access_token=abc&Password=p%40ss&code=xyz&cursor=c1&sort=date"
                + "&sort=mood&flag&anythingNew=hidden&from=2025-01-01");

        assertThat(query).containsExactly(Map.entry("limit", "10"), Map.entry("access_token", "***"),
                Map.entry("Password", "***"), Map.entry("code", "***"), Map.entry("cursor", "c1"),
                Map.entry("sort", "date,mood"), Map.entry("from", "2025-01-01"));
        assertThat(query.toString()).doesNotContain("diary", "lov", "grief", "sorrow", "SAD", "ANGRY", "abc", "p@ss",
                "xyz", "hidden", "flag");
    }

    @Test
    void noneAndEmptyAreEmptyAndLongValuesAreCut() {
        assertThat(ApiRequestQuery.sanitize(null)).isEmpty();
        assertThat(ApiRequestQuery.sanitize("")).isEmpty();
        assertThat(ApiRequestQuery.sanitize("%q=1&q%3D=2&=3&%sort=4")).isEmpty();
        assertThat(ApiRequestQuery.sanitize("cursor=" + "x".repeat(600)).get("cursor")).hasSize(500);
    }
}
