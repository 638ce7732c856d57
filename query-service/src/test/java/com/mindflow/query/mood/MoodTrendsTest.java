package com.mindflow.query.mood;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MoodTrendsTest {

    @Test
    void groupsMoodsAndRoundsToWholePercentThatAddUpToOneHundred() {
        MoodTrendView trend = MoodTrends.split(30, Map.of("ecstatic", 1, "happy", 1, "neutral", 1, "sad", 1,
                "anxious", 1, "angry", 1));
        assertThat(trend).isEqualTo(new MoodTrendView(30, 33, 17, 50, 6));

        MoodTrendView thirds = MoodTrends.split(7, Map.of("happy", 1, "neutral", 1, "angry", 1));
        assertThat(thirds.positive() + thirds.neutral() + thirds.negative()).isEqualTo(100);
    }

    @Test
    void noEntriesIsAllZero() {
        assertThat(MoodTrends.split(7, Map.of())).isEqualTo(new MoodTrendView(7, 0, 0, 0, 0));
    }
}
