package com.mindflow.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The migrated catalogs against the seed, object by object: tables, columns with types, defaults and nullability,
 * constraint names, index names and definitions, triggers, functions and comments. The expected lists in
 * src/test/resources/schema were written from the seed by hand; catalog.sql renders a database in the same form.
 */
class SchemaIT {

    @ParameterizedTest(name = "{0} from scratch")
    @CsvSource({
            "classpath:db/write, write.txt",
            "classpath:db/read, read.txt",
            "classpath:db/analytics/postgres, analytics-postgres.txt" })
    void freshMigrationMatchesTheSeed(String location, String expectedFile) throws Exception {
        try (Db.Scratch scratch = Db.scratch("mindflow_schema_it")) {
            Migrations.configure(new DriverDataSource(scratch.url(), Db.user(), Db.password()), location).load()
                    .migrate();
            try (Connection db = scratch.connect()) {
                assertThat(catalog(db)).as("catalog of %s", location)
                        .containsExactlyInAnyOrderElementsOf(expected(expectedFile));
            }
        }
    }

    @ParameterizedTest(name = "{0} as the stack migrated it")
    @CsvSource({
            "mindflow_write, write.txt",
            "mindflow_read, read.txt",
            "mindflow_analytics, analytics-postgres.txt" })
    void stackDatabasesMatchTheSeed(String database, String expectedFile) throws Exception {
        try (Connection db = Db.connect(database)) {
            assertThat(catalog(db)).as("catalog of %s", database)
                    .containsExactlyInAnyOrderElementsOf(expected(expectedFile));
        }
    }

    static List<String> catalog(Connection db) throws SQLException, IOException {
        return Db.query(db, resource("catalog.sql")).stream().map(row -> (String) row.get(0)).toList();
    }

    private static List<String> expected(String file) throws IOException {
        return resource(file).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(SchemaIT.class.getResourceAsStream("/schema/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
