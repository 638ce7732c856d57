package com.mindflow.command.attachment.application;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file a client sent, already on local disk (never held in memory whole).
 *
 * @param file         the bytes, in a temporary file the caller owns and deletes
 * @param size         its length in bytes
 * @param originalName the name the client gave, untrusted; may be {@code null}
 */
public record Upload(Path file, long size, String originalName) {

    public Upload {
        Objects.requireNonNull(file, "file");
    }
}
