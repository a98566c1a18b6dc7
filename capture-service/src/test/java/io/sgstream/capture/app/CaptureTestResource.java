package io.sgstream.capture.app;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sgstream.capture.sink.LoopbackSink;
import io.sgstream.api.SGStreams;
import io.sgstream.capture.kubernetes.TestStreams;
import io.sgstream.testing.PostgresServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the application shell needs around it: a real PostgreSQL with a table to capture, an SGStream file naming it
 * (credentials in a "Secret" given as configuration), and a CloudEvents endpoint that K_SINK points at.
 */
public class CaptureTestResource implements QuarkusTestResourceLifecycleManager {

    static final String SINK_TOKEN = "shell-token-4f1c";

    static volatile PostgresServer postgres;
    static volatile String database;
    static volatile LoopbackSink sink;

    @Override
    public Map<String, String> start() {
        try {
            postgres = PostgresServer.startLogical();
            database = postgres.createDatabase("shell");
            postgres.execute(database, "CREATE TABLE public.orders (id int PRIMARY KEY, note text)",
                    "INSERT INTO public.orders VALUES (1, 'first'), (2, 'second')");
            sink = LoopbackSink.http(r -> LoopbackSink.Reply.status(202));
            Path file = Files.createTempFile("sgstream-shell-", ".yaml");
            Files.writeString(file, SGStreams.toYaml(TestStreams.stream("test", "shell-test", "localhost", postgres.port(),
                    database, "http://localhost:1/replaced-by-k-sink")));
            return Map.of(
                    "sgstream.file", file.toString(),
                    "sgstream.sink.secret-headers.\"Authorization\"", "Bearer ${secret:sink-auth/token}",
                    "SGSTREAM_SECRET_SINK_AUTH_TOKEN", SINK_TOKEN,
                    "K_SINK", sink.url(),
                    "K_CE_OVERRIDES", "{\"extensions\": {\"cluster\": \"test\"}}",
                    "SGSTREAM_SECRET_PG_CREDS_USERNAME", PostgresServer.USER,
                    "SGSTREAM_SECRET_PG_CREDS_PASSWORD", PostgresServer.PASSWORD,
                    "sgstream.exit-on-failure", "false");
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the capture's surroundings", e);
        }
    }

    @Override
    public void stop() {
        if (sink != null) {
            sink.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
