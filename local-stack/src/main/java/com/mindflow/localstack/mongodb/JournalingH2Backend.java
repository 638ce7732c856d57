package com.mindflow.localstack.mongodb;

import java.util.Locale;
import java.util.Set;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 backend writes its MVStore about once a second, so a {@code kill -9} lost the writes of
 * the last second although they had been acknowledged. MongoDB acknowledges a write with {@code j: true} only once
 * it is in the journal; this backend does the same: every write command is written to the file before its answer,
 * and one that asks for the journal is also synced to disk.
 */
final class JournalingH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
            "dropindexes", "create", "drop");

    JournalingH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document answer = super.handleCommand(channel, databaseName, command, query);
        if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            commit();
            if (asksForJournal(query)) {
                getMvStore().sync();
            }
        }
        return answer;
    }

    private static boolean asksForJournal(Document query) {
        return query.get("writeConcern") instanceof Document concern && Boolean.TRUE.equals(concern.get("j"));
    }
}
