package io.sgstream.apply.knative;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sgstream.testing.PostgresServer;

import java.util.Map;

/** A real embedded PostgreSQL as the service's target database, configured the way an operator would. */
public class TargetDatabaseResource implements QuarkusTestResourceLifecycleManager {

    static PostgresServer server;
    static String database;

    @Override
    public Map<String, String> start() {
        server = PostgresServer.startLogical();
        database = server.createDatabase("http_dst");
        return Map.of("sgstream.apply.target.jdbc-url", server.jdbcUrl(database),
                "sgstream.apply.target.username", PostgresServer.USER,
                "sgstream.apply.target.password", PostgresServer.PASSWORD,
                "sgstream.apply.drain-interval", "0.1S");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
