package io.sgstream.apply.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sgstream.apply.sql.Sql;
import io.sgstream.event.Column;
import io.sgstream.event.KeyIdentity;
import io.sgstream.event.Op;
import io.sgstream.event.Position;
import io.sgstream.event.RowChange;
import io.sgstream.event.SignalEvent;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.event.TransactionEnd;
import io.sgstream.testing.PostgresServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs real SQL on a source database and records the events a capture would emit for it: each
 * {@link #transaction} is one source transaction (committed for real) and becomes its changes plus a
 * transaction end with the next txseq; {@link #snapshot} reads current rows as transaction 0. Row images are the
 * source's own text output (read back with {@code RETURNING col::text}), encoded per the contract, so the
 * expected target state is simply the source database.
 *
 * <p>Updates and deletes go row by row (by ctid) so each change has its exact before and after image. Before
 * images follow replica identity: key columns when the key changed (default identity), the whole old row with
 * {@code REPLICA IDENTITY FULL}.
 */
public final class SourceRecorder implements AutoCloseable {

    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    private final Connection work;
    private final Connection meta;
    private final StreamId stream;
    private final String epoch;
    private final Map<String, SourceTable> tables = new HashMap<>();
    private long nextTxSeq = 1;

    public SourceRecorder(PostgresServer server, String database, StreamId stream, String epoch) throws SQLException {
        this.work = server.connect(database);
        this.work.setAutoCommit(false);
        this.meta = server.connect(database);
        try (Statement s = meta.createStatement()) {
            s.execute("SET search_path = pg_catalog"); // format_type() then qualifies user types: public.mood
        }
        this.stream = stream;
        this.epoch = epoch;
    }

    public StreamId stream() {
        return stream;
    }

    public String epoch() {
        return epoch;
    }

    /** Transaction 0: the current rows of the given tables as op r, then its end. */
    public List<StreamEvent> snapshot(String... qualifiedTables) throws SQLException {
        Instant start = Instant.now();
        List<StreamEvent> events = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        long seq = 0;
        for (String name : qualifiedTables) {
            SourceTable t = table(name);
            try (Statement s = work.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + t.textColumns() + " FROM " + t.sqlName())) {
                while (rs.next()) {
                    ObjectNode row = t.row(rs, 1);
                    events.add(new RowChange(stream, epoch, new Position(0, ++seq), Op.READ, t.schema, t.name,
                            t.columns, t.key(row), null, row, List.of(), null, null, start, t.identity));
                    counts.merge(name, 1L, Long::sum);
                }
            }
        }
        work.commit();
        events.add(new TransactionEnd(stream, epoch, 0, seq, null, null, start, counts));
        return events;
    }

    /** Runs the body as one source transaction and returns its events (changes in order, then the end). */
    public List<StreamEvent> transaction(TxBody body) throws SQLException {
        Tx tx = new Tx();
        try {
            body.run(tx);
            long txId = txId();
            work.commit();
            return tx.events(nextTxSeq++, txId, Instant.now());
        } catch (SQLException | RuntimeException e) {
            work.rollback();
            throw e;
        }
    }

    /** A signal as the only event of its own transaction. */
    public List<StreamEvent> signal(String name, JsonNode data) {
        long txSeq = nextTxSeq++;
        return List.of(new SignalEvent(stream, epoch, new Position(txSeq, 1), name, data),
                new TransactionEnd(stream, epoch, txSeq, 1, null, null, Instant.now(), Map.of()));
    }

    /** Runs statements that produce no events (DDL: the next changes simply carry the new columns). */
    public void ddl(String... sql) throws SQLException {
        try (Statement s = work.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
        work.commit();
        tables.clear();
    }

    public long lastTxSeq() {
        return nextTxSeq - 1;
    }

    @Override
    public void close() throws SQLException {
        try {
            work.close();
        } finally {
            meta.close();
        }
    }

    private long txId() throws SQLException {
        try (Statement s = work.createStatement(); ResultSet rs = s.executeQuery("SELECT txid_current()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private SourceTable table(String qualified) throws SQLException {
        SourceTable t = tables.get(qualified);
        if (t == null) {
            t = SourceTable.load(meta, qualified);
            tables.put(qualified, t);
        }
        return t;
    }

    @FunctionalInterface
    public interface TxBody {
        void run(Tx tx) throws SQLException;
    }

    /** Statements of one source transaction, each recorded as the changes it made. */
    public final class Tx {
        private record Change(Op op, SourceTable table, ObjectNode key, ObjectNode before, ObjectNode after,
                              List<String> unchanged) {
        }

        private final List<Change> changes = new ArrayList<>();

        /** An INSERT statement (without RETURNING) into {@code table}. */
        public Tx insert(String table, String insertSql) throws SQLException {
            SourceTable t = table(table);
            try (Statement s = work.createStatement();
                 ResultSet rs = s.executeQuery(insertSql + " RETURNING " + t.textColumns())) {
                while (rs.next()) {
                    ObjectNode after = t.row(rs, 1);
                    changes.add(new Change(Op.CREATE, t, t.key(after), null, after, List.of()));
                }
            }
            return this;
        }

        /**
         * Updates the rows matching {@code where} with {@code set}; columns named in {@code unchanged} are reported
         * as unchanged TOAST values (left out of the after image), as pgoutput does for untouched TOASTed columns.
         */
        public Tx update(String table, String where, String set, String... unchanged) throws SQLException {
            SourceTable t = table(table);
            for (Map.Entry<String, ObjectNode> old : rowsByCtid(t, where).entrySet()) {
                try (PreparedStatement ps = work.prepareStatement("UPDATE " + t.sqlName() + " SET " + set
                        + " WHERE ctid = ?::tid RETURNING " + t.textColumns())) {
                    ps.setString(1, old.getKey());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        ObjectNode after = t.row(rs, 1);
                        ObjectNode before = old.getValue();
                        boolean keyChanged = !t.key(before).equals(t.key(after));
                        ObjectNode beforeImage = t.replicaFull ? before : keyChanged ? t.key(before) : null;
                        ObjectNode afterImage = after.deepCopy();
                        Arrays.stream(unchanged).forEach(afterImage::remove);
                        changes.add(new Change(Op.UPDATE, t, t.key(after), beforeImage, afterImage, List.of(unchanged)));
                    }
                }
            }
            return this;
        }

        public Tx delete(String table, String where) throws SQLException {
            SourceTable t = table(table);
            for (Map.Entry<String, ObjectNode> old : rowsByCtid(t, where).entrySet()) {
                try (PreparedStatement ps = work.prepareStatement("DELETE FROM " + t.sqlName() + " WHERE ctid = ?::tid")) {
                    ps.setString(1, old.getKey());
                    ps.executeUpdate();
                }
                ObjectNode before = old.getValue();
                changes.add(new Change(Op.DELETE, t, t.key(before), t.replicaFull ? before : t.key(before), null, List.of()));
            }
            return this;
        }

        /** TRUNCATE of several tables in one statement: one t event per table, as pgoutput sends. */
        public Tx truncate(String... tableNames) throws SQLException {
            List<String> names = new ArrayList<>();
            for (String name : tableNames) {
                SourceTable t = table(name);
                names.add(t.sqlName());
                changes.add(new Change(Op.TRUNCATE, t, null, null, null, List.of()));
            }
            try (Statement s = work.createStatement()) {
                s.execute("TRUNCATE " + String.join(", ", names));
            }
            return this;
        }

        /** A statement that produces no change events. */
        public Tx sql(String sql) throws SQLException {
            try (Statement s = work.createStatement()) {
                s.execute(sql);
            }
            return this;
        }

        private Map<String, ObjectNode> rowsByCtid(SourceTable t, String where) throws SQLException {
            Map<String, ObjectNode> rows = new LinkedHashMap<>();
            try (Statement s = work.createStatement();
                 ResultSet rs = s.executeQuery("SELECT ctid::text, " + t.textColumns() + " FROM " + t.sqlName()
                         + " WHERE " + where + " ORDER BY ctid FOR UPDATE")) {
                while (rs.next()) {
                    rows.put(rs.getString(1), t.row(rs, 2));
                }
            }
            return rows;
        }

        private List<StreamEvent> events(long txSeq, long txId, Instant commitTime) {
            List<StreamEvent> out = new ArrayList<>();
            Map<String, Long> counts = new LinkedHashMap<>();
            long seq = 0;
            for (Change c : changes) {
                out.add(new RowChange(stream, epoch, new Position(txSeq, ++seq), c.op, c.table.schema, c.table.name,
                        c.table.columns, c.key, c.before, c.after, c.unchanged, null, txId, commitTime, c.table.identity));
                counts.merge(c.table.schema + "." + c.table.name, 1L, Long::sum);
            }
            out.add(new TransactionEnd(stream, epoch, txSeq, seq, null, txId, commitTime, counts));
            return out;
        }
    }

    /** A source table's columns (types as format_type prints them, user types qualified) and replica identity. */
    private static final class SourceTable {
        final String schema;
        final String name;
        final List<Column> columns;
        final boolean replicaFull;
        final KeyIdentity identity;

        private SourceTable(String schema, String name, List<Column> columns, boolean replicaFull, KeyIdentity identity) {
            this.schema = schema;
            this.name = name;
            this.columns = columns;
            this.replicaFull = replicaFull;
            this.identity = identity;
        }

        static SourceTable load(Connection meta, String qualified) throws SQLException {
            String[] parts = qualified.split("\\.", 2);
            List<Column> columns = new ArrayList<>();
            boolean full = false;
            try (PreparedStatement ps = meta.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
                    + " coalesce(a.attnum = ANY(i.indkey), false), c.relreplident = 'f'"
                    + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary"
                    + " WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
                ps.setString(1, parts[0]);
                ps.setString(2, parts[1]);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        columns.add(new Column(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                        full = rs.getBoolean(4);
                    }
                }
            }
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("no table " + qualified);
            }
            KeyIdentity identity = KeyIdentity.PRIMARY_KEY;
            if (full && columns.stream().noneMatch(Column::key)) { // as the capture marks them: the whole row is the key
                columns.replaceAll(c -> new Column(c.name(), c.type(), true));
                identity = KeyIdentity.FULL;
            }
            return new SourceTable(parts[0], parts[1], columns, full, identity);
        }

        String sqlName() {
            return Sql.table(schema, name);
        }

        String textColumns() {
            return String.join(", ", columns.stream().map(c -> Sql.ident(c.name()) + "::text").toList());
        }

        ObjectNode row(ResultSet rs, int firstColumn) throws SQLException {
            ObjectNode row = JSON.objectNode();
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                row.set(c.name(), PgTextEncoder.encode(c.type(), rs.getString(firstColumn + i)));
            }
            return row;
        }

        /** Key columns of a row image; an empty object for a table without key. */
        ObjectNode key(ObjectNode row) {
            ObjectNode key = JSON.objectNode();
            for (Column c : columns) {
                if (c.key()) {
                    key.set(c.name(), row.get(c.name()));
                }
            }
            return key;
        }
    }
}
