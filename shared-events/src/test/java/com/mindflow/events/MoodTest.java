package com.mindflow.events.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class MoodTest {

    @Test
    void scoresMoodsAsDocumented() {
        assertThat(Mood.ECSTATIC.score()).isEqualTo(1.0);
        assertThat(Mood.HAPPY.score()).isEqualTo(0.6);
        assertThat(Mood.NEUTRAL.score()).isEqualTo(0.0);
        assertThat(Mood.ANXIOUS.score()).isEqualTo(-0.4);
        assertThat(Mood.SAD.score()).isEqualTo(-0.6);
        assertThat(Mood.ANGRY.score()).isEqualTo(-0.8);
    }

    @Test
    void keepsEveryScoreWithinTheSentimentScale() {
        assertThat(Mood.values()).allSatisfy(mood -> assertThat(mood.score()).isBetween(-1.0, 1.0));
    }

    @Test
    void usesTheDatabaseNamesOnTheWire() {
        assertThat(Arrays.stream(Mood.values()).map(Mood::wireName))
                .containsExactly("ecstatic", "happy", "neutral", "anxious", "sad", "angry");
        assertThat(Mood.fromWireName("anxious")).isEqualTo(Mood.ANXIOUS);
    }

    @Test
    void refusesAMoodItDoesNotKnow() {
        assertThatIllegalArgumentException().isThrownBy(() -> Mood.fromWireName("HAPPY"));
        assertThatIllegalArgumentException().isThrownBy(() -> Mood.fromWireName("bored"));
    }
}
