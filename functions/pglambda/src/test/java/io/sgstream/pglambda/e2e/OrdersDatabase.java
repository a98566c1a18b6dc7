package io.sgstream.pglambda.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.sgstream.event.Column;
import io.sgstream.event.EventCodec;
import io.sgstream.event.Op;
import io.sgstream.event.Position;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamId;
import io.sgstream.event.TransactionEnd;
import io.sgstream.testing.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A table {@code public.orders} in a real PostgreSQL, changed by SQL transactions, each recorded as the events of
 * the contract a capture would emit for it: the row images come back from the statements themselves
 * ({@code RETURNING}), values encoded as the contract says (integer as a number, text and numeric as text), column
 * types from the catalog, the transaction id and WAL position from the server. A deterministic stand-in for the
 * capture service ({@link CaptureEndToEndTest} runs the real one), so deliveries can be shuffled and repeated.
 */
final class OrdersDatabase {

    static final StreamId STREAM = new StreamId("shop", "orders-stream");
    static final String EPOCH = "20261125120000000";
    private static final String ROW = "json_build_object('id', %1$s.id, 'customer', %1$s.customer, 'amount', %1$s.amount::text)";

    private final PostgresServer server;
    private final String database;
    private final List<Column> columns;
    private final List<CloudEvent> events = new ArrayList<>();
    private long txSeq;

    OrdersDatabase(PostgresServer server, String database) throws SQLException {
        this.server = server;
        this.database = database;
        server.execute(database,
                "CREATE TABLE orders (id integer PRIMARY KEY, customer text NOT NULL, amount numeric(10,2))",
                "ALTER TABLE orders REPLICA IDENTITY FULL");
        this.columns = columns();
    }

    /** The rows present before the stream starts, read as the snapshot (transaction 0, op r). */
    void snapshot() throws SQLException {
        List<CloudEvent> tx = new ArrayList<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + ROW.formatted("o") + " FROM orders o ORDER BY id")) {
            while (rs.next()) {
                ObjectNode after = json(rs.getString(1));
                tx.add(change(0, tx.size() + 1, Op.READ, null, after, null, null));
            }
        }
        events.addAll(tx);
        events.add(EventCodec.toCloudEvent(new TransactionEnd(STREAM, EPOCH, 0, tx.size(), null, null, Instant.now(),
                Map.of("public.orders", (long) tx.size()))));
    }

    /** An INSERT statement for {@link #transaction}. */
    static String insert(int id, String customer, String amount) {
        return "INSERT INTO orders AS o VALUES (" + id + ", '" + customer + "', " + amount + ") RETURNING 'c', NULL::json, "
                + ROW.formatted("o");
    }

    /** An UPDATE statement for {@link #transaction}; the old row comes from a locking read in the same statement. */
    static String updateAmount(int id, String amount) {
        return "WITH old AS (SELECT * FROM orders WHERE id = " + id + " FOR UPDATE) UPDATE orders o SET amount = " + amount
                + " FROM old WHERE o.id = old.id RETURNING 'u', " + ROW.formatted("old") + ", " + ROW.formatted("o");
    }

    /** A DELETE statement for {@link #transaction}. */
    static String delete(int id) {
        return "DELETE FROM orders o WHERE id = " + id + " RETURNING 'd', " + ROW.formatted("o") + ", NULL::json";
    }

    /**
     * Runs statements in one source transaction and records its events: one per returned row (seq from 1), then the
     * transaction end. Each statement returns (op, before, after).
     */
    void transaction(String... statements) throws SQLException {
        long seq = txSeq + 1;
        try (Connection c = server.connect(database)) {
            c.setAutoCommit(false);
            long txId = single(c, "SELECT txid_current()");
            List<String[]> rows = new ArrayList<>();
            for (String sql : statements) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                    }
                }
            }
            c.commit();
            String lsn = text(c, "SELECT pg_current_wal_lsn()::text");
            txSeq = seq;
            for (int i = 0; i < rows.size(); i++) {
                String[] r = rows.get(i);
                events.add(change(seq, i + 1, Op.fromCode(r[0]), json(r[1]), json(r[2]), lsn, txId));
            }
            events.add(EventCodec.toCloudEvent(new TransactionEnd(STREAM, EPOCH, seq, rows.size(), lsn, txId, Instant.now(),
                    Map.of("public.orders", (long) rows.size()))));
        }
    }

    /** The events of every transaction so far, in stream order. */
    List<CloudEvent> events() {
        return List.copyOf(events);
    }

    /** Each order's amount in cents, as the database has it now. */
    Map<Integer, Long> amountsInCents() throws SQLException {
        Map<Integer, Long> amounts = new java.util.TreeMap<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, (coalesce(amount, 0) * 100)::bigint FROM orders")) {
            while (rs.next()) {
                amounts.put(rs.getInt(1), rs.getLong(2));
            }
        }
        return amounts;
    }

    private CloudEvent change(long txSeq, long seq, Op op, ObjectNode before, ObjectNode after, String lsn, Long txId) {
        ObjectNode row = after != null ? after : before;
        ObjectNode key = EventCodec.JSON.createObjectNode().set("id", row.get("id"));
        return EventCodec.toCloudEvent(new RowChange(STREAM, EPOCH, new Position(txSeq, seq), op, "public", "orders", columns,
                key, before, after, List.of(), lsn, txId, Instant.now()));
    }

    private List<Column> columns() throws SQLException {
        List<Column> result = new ArrayList<>();
        try (Connection c = server.connect(database); PreparedStatement s = c.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod),
                       a.attnum = ANY (SELECT unnest(i.indkey) FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary)
                FROM pg_attribute a WHERE a.attrelid = 'public.orders'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                result.add(new Column(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
            }
        }
        return result;
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static ObjectNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return (ObjectNode) EventCodec.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
