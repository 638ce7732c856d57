package com.mindflow.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MigratorSettingsTest {

    @Test
    void defaultsAreTheLocalStacks() {
        MigratorSettings settings = MigratorSettings.from(Map.of());

        assertThat(settings.serverUrl("postgres")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
        assertThat(settings.user()).isEqualTo("mindflow");
        assertThat(settings.password()).isEqualTo("mindflow");
        assertThat(settings.waitForServer()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.target(Migrations.WRITE_DATABASE)).isEqualTo(new MigratorSettings.Target(
                "mindflow_write", "jdbc:postgresql://127.0.0.1:5432/mindflow_write", true));
    }

    @Test
    void aDatabaseGivenByUrlIsUsedAsIsAndNotCreated() {
        MigratorSettings settings = MigratorSettings.from(Map.of(
                "MINDFLOW_DB_HOST", "db.internal", "MINDFLOW_DB_PORT", "6432",
                "MINDFLOW_ANALYTICS_DB_URL", " jdbc:postgresql://tsdb:5432/analytics?user=a&password=b ",
                "MINDFLOW_READ_DB_URL", "  "));

        assertThat(settings.target(Migrations.ANALYTICS_DATABASE)).isEqualTo(new MigratorSettings.Target(
                "mindflow_analytics", "jdbc:postgresql://tsdb:5432/analytics?user=a&password=b", false));
        // Blank means not set.
        assertThat(settings.target(Migrations.READ_DATABASE).url())
                .isEqualTo("jdbc:postgresql://db.internal:6432/mindflow_read");
        assertThat(settings.target(Migrations.READ_DATABASE).create()).isTrue();
    }
}
