package io.sgstream.capture.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sgstream.capture.PostgresEndpoint;
import io.sgstream.event.EventCodec;
import io.sgstream.event.SignalEvent;
import io.sgstream.event.SignalRequest;
import io.sgstream.event.StreamId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Places a signal into the stream through the source's WAL: one source transaction records the request (keyed by
 * its id, so a repeated request is recognised and not placed twice) and emits a transactional logical decoding
 * message ({@code pg_logical_emit_message}) that pgoutput delivers between the transactions before and after it.
 * The signal is thereby numbered like any transaction, durable from the moment the request returns, and replayed
 * with the same id after a crash. Needs PostgreSQL 14 (pgoutput's {@code messages} option).
 *
 * <p>The data of a tombstone and of a sync-sequences signal also carries the source's sequences, read in that same
 * transaction, so a target can set them to the values they had at exactly that point of the stream.
 */
public final class SignalPlacer {

    /** The logical decoding message prefix of signals. */
    public static final String PREFIX = "sgstream.signal";
    public static final String DEFAULT_TABLE = "sgstream.capture_signals";

    private final PostgresEndpoint source;
    private final String table;

    public SignalPlacer(PostgresEndpoint source, String table) {
        this.source = source;
        this.table = table;
    }

    /**
     * @return true when placed, false when a request with the same id was placed before
     * @throws IllegalStateException when the source cannot take it (version, privileges, connection)
     */
    public boolean place(StreamId stream, SignalRequest request) {
        try (Connection c = source.connect("sgstream-capture-signal")) {
            int version = c.getMetaData().getDatabaseMajorVersion();
            if (version < 14) {
                throw new IllegalStateException("signals need PostgreSQL 14 or later (pgoutput messages); "
                        + source.address() + " runs " + version);
            }
            ensureTable(c);
            c.setAutoCommit(false);
            JsonNode data = request.data();
            if (carriesSequences(request.name()) && data.isObject()) {
                ((ObjectNode) data).set("sequences", sequences(c));
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                    + " (stream, request_id, signal, data) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, stream.toString());
                ps.setString(2, request.id());
                ps.setString(3, request.name());
                ps.setString(4, data.toString());
                if (ps.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
            }
            ObjectNode message = EventCodec.JSON.createObjectNode()
                    .put("stream", stream.toString()).put("id", request.id()).put("signal", request.name());
            message.set("data", data);
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_logical_emit_message(true, ?, ?)")) {
                ps.setString(1, PREFIX);
                ps.setString(2, message.toString());
                ps.execute();
            }
            c.commit();
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot place signal " + request.id() + " into stream " + stream + " at "
                    + source.address() + ": " + e.getMessage(), e);
        }
    }

    private void ensureTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return;
                }
            }
            String schema = table.substring(0, table.indexOf('.'));
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_namespace WHERE nspname = '" + schema + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                }
            }
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (stream text NOT NULL, request_id text NOT NULL, "
                    + "signal text NOT NULL, data text, requested_at timestamptz NOT NULL DEFAULT now(), "
                    + "PRIMARY KEY (stream, request_id))");
        }
    }

    private static boolean carriesSequences(String signal) {
        return SignalEvent.TOMBSTONE.equals(signal) || SignalEvent.SYNC_SEQUENCES.equals(signal);
    }

    private static ArrayNode sequences(Connection c) throws SQLException {
        ArrayNode sequences = EventCodec.JSON.createArrayNode();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT schemaname, sequencename, coalesce(last_value, start_value), last_value IS NOT NULL
                  FROM pg_sequences
                 WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2""")) {
            while (rs.next()) {
                sequences.addObject().put("schema", rs.getString(1)).put("name", rs.getString(2))
                        .put("lastValue", rs.getLong(3)).put("isCalled", rs.getBoolean(4));
            }
        }
        return sequences;
    }

    /** A signal read back from the stream: the message content written by {@link #place}. */
    public record Placed(String stream, String requestId, String signal, JsonNode data) {

        static Placed parse(String json) {
            try {
                JsonNode n = EventCodec.JSON.readTree(json);
                return new Placed(n.path("stream").asText(), n.path("id").asText(), n.path("signal").asText(),
                        n.get("data"));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("signal message is not JSON: " + e.getMessage(), e);
            }
        }
    }
}
