package com.mindflow.command.tag;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import jakarta.persistence.EntityManager;

/** All tags ever used; finds a name or adds it, safely under concurrent writers. */
@Component
public class Tags {

    private final JdbcClient jdbc;
    private final EntityManager entities;

    Tags(JdbcClient jdbc, EntityManager entities) {
        this.jdbc = jdbc;
        this.entities = entities;
    }

    /**
     * The tags with these (already normalized) names, creating the missing ones. {@code ON CONFLICT DO NOTHING} lets
     * two writers add the same new tag at once without either failing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<Tag> named(Collection<String> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        for (String name : names) {
            jdbc.sql("INSERT INTO tags (id, name) VALUES (:id, :name) ON CONFLICT (name) DO NOTHING")
                    .param("id", UUID.randomUUID())
                    .param("name", name)
                    .update();
        }
        List<Tag> found = entities.createQuery("select t from Tag t where t.name in :names", Tag.class)
                .setParameter("names", names)
                .getResultList();
        return new LinkedHashSet<>(found);
    }
}
