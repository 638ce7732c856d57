package com.mindflow.localstack.mongodb;

import com.mindflow.localstack.ConnectionDetails;
import com.mindflow.localstack.Env;
import com.mindflow.localstack.LocalServer;
import com.mindflow.localstack.Probe;
import de.bwaldvogel.mongo.MongoServer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The MongoDB wire protocol from mongo-java-server, persisted by its H2 (MVStore) backend in one file,
 * each write on disk before it is acknowledged. */
public final class MongoDbServer implements LocalServer, ConnectionDetails {

    public static final String DATABASE = "mindflow_logs";

    private final int port = Env.port("MINDFLOW_MONGO_PORT", 27017);
    private JournalingH2Backend backend;
    private MongoServer server;

    @Override
    public String name() {
        return "mongodb";
    }

    @Override
    public List<Integer> ports() {
        return List.of(port);
    }

    @Override
    public boolean isRunning() {
        return Probe.mongo(port);
    }

    @Override
    public void start(Path dataDir, Path logDir) {
        backend = new JournalingH2Backend(dataDir.resolve("mongo.mv.db").toString());
        server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdown();
            server = null;
        }
        if (backend != null) {
            backend.close();   // writes the MVStore's last changes to disk
            backend = null;
        }
    }

    @Override
    public Map<String, String> connectionProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("mongodb.uri", "mongodb://localhost:" + port);
        p.put("mongodb.database", DATABASE);
        return p;
    }
}
