package com.mindflow.command.tag;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tag name, stored once in {@code tags} and shared by every entry that uses it. */
@Entity
@Table(name = "tags")
public class Tag {

    public static final int MAX_LENGTH = 50;

    @Id
    private UUID id;

    @Column(nullable = false, unique = true, length = MAX_LENGTH)
    private String name;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    protected Tag() {
    }

    /** Trimmed and lower-cased, as the seed's {@code check_tag_name} demands. */
    public static String normalize(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }
}
