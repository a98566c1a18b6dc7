package io.sgstream.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.capture.sink.HttpSinkConfig;
import io.sgstream.event.EventCodec;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import io.sgstream.testing.PostgresServer;
import io.sgstream.testing.TlsPostgres;
import io.sgstream.api.SGStreams;
import io.sgstream.api.secret.SecretValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Builders for captures of a test database, with short intervals so tests do not wait for defaults. */
final class TestCaptures {

    static {
        // Debezium logs every step at INFO; keep its warnings
        Logger.getLogger("io.debezium").setLevel(Level.WARNING);
        Logger.getLogger("org.apache.kafka").setLevel(Level.WARNING);
    }

    private TestCaptures() {
    }

    static PostgresEndpoint endpoint(PostgresExtension pg, String database) {
        return new PostgresEndpoint(pg.server().host(), pg.server().port(), database, PostgresServer.USER,
                PostgresServer.PASSWORD);
    }

    static CaptureConfig.Builder config(PostgresExtension pg, String database, String name) {
        return CaptureConfig.builder(new StreamId("test", name), endpoint(pg, database))
                .commitInterval(Duration.ofMillis(200))
                .heartbeatInterval(Duration.ofSeconds(1))
                .lagPollInterval(Duration.ofMillis(500))
                .slotInUseWait(Duration.ofSeconds(60)) // an upper bound: a loaded machine may take long to release a killed run's slot
                .stopTimeout(Duration.ofSeconds(5));
    }

    static HttpEventSink sink(RecordingEndpoint endpoint, int maxInFlight) {
        return new HttpEventSink(HttpSinkConfig.builder(endpoint.url()).maxInFlight(maxInFlight)
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build(), new SimpleMeterRegistry());
    }

    /** Rows of the engine's offset, not the epoch each run reserves next to it in the same table. */
    static final String ENGINE_OFFSET = "offset_key NOT LIKE '[\"sgstream-reserved-epochs\"%'";

    /** The offset the stream committed to the default offset table, {} when none. */
    static JsonNode committedOffset(PostgresExtension pg, String db, String stream) throws Exception {
        return committedOffset(pg.server(), db, stream);
    }

    static JsonNode committedOffset(PostgresServer server, String db, String stream) throws Exception {
        try (Connection c = server.connect(db);
             PreparedStatement ps = c.prepareStatement("SELECT offset_value FROM sgstream.capture_offsets WHERE stream = ? AND " + ENGINE_OFFSET)) {
            ps.setString(1, stream);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? EventCodec.JSON.readTree(rs.getString(1)) : EventCodec.JSON.createObjectNode();
            }
        } catch (java.sql.SQLException e) {
            if ("42P01".equals(e.getSQLState())) { // no offset table yet
                return EventCodec.JSON.createObjectNode();
            }
            throw e;
        }
    }

    /**
     * The config of an SGStream capturing {@code db} over TLS ({@link TlsPostgres#sgStreamSource}, with the client
     * certificate when {@code clientCertificate}), its Secrets from {@code secrets} ({@code "<name>/<key>"} to value).
     */
    static CaptureConfig tlsConfig(PostgresServer postgres, String db, String name, boolean clientCertificate,
                                   Map<String, String> secrets) {
        String yaml = """
                apiVersion: stackgres.io/v1alpha1
                kind: SGStream
                metadata:
                  name: %s
                  namespace: test
                spec:
                %s  target:
                    type: CloudEvent
                    cloudEvent:
                      http:
                        url: http://unused
                """.formatted(name, TlsPostgres.sgStreamSource(postgres, db, clientCertificate));
        return CaptureConfig.from(SGStreams.fromYaml(yaml), selector -> {
            String value = secrets.get(selector.getName() + "/" + selector.getKey());
            if (value == null) {
                throw new IllegalArgumentException("no secret " + selector.getName() + "/" + selector.getKey());
            }
            return SecretValue.of(value);
        });
    }
}
