package com.mindflow.system.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.fail;

/** The repository checkout the tests run in (Maven runs them from system-tests/, but any sub-folder works). */
public final class Repo {

    private Repo() {
    }

    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("system-tests"))) {
                return dir;
            }
        }
        return fail("cannot find the repository root (a folder with mvnw and system-tests/) above "
                + Path.of("").toAbsolutePath());
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
