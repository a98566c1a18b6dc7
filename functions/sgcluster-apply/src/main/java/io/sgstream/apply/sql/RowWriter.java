package io.sgstream.apply.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sgstream.apply.ApplyException;
import io.sgstream.apply.schema.SchemaEvolution;
import io.sgstream.apply.schema.TargetColumn;
import io.sgstream.apply.schema.TargetTable;
import io.sgstream.event.Column;
import io.sgstream.event.Op;
import io.sgstream.event.PgValues;
import io.sgstream.event.RowChange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes row changes, in the order given, inside the caller's transaction. Consecutive changes of one table with
 * the same statement shape are collected and written by a single statement; a change of shape, a key already in
 * the collected batch, a key change, a signal (the caller flushes) or the batch size ends a batch, so the
 * effect is exactly that of applying the changes one by one in order.
 *
 * <ul>
 * <li>c, r: upsert ({@code INSERT ... ON CONFLICT (key) DO UPDATE}), safe if a row is delivered twice; a table
 *     without primary key gets plain inserts (exactly-once delivery makes that safe).</li>
 * <li>u: upsert of the full new row when nothing is missing from it; otherwise (unchanged TOAST columns, or a
 *     key change: before-key differs from after-key) an UPDATE of only the present columns matched by the old
 *     key, so an unchanged TOAST value keeps its current content and is never replaced by a placeholder or
 *     a NULL. A key change is written alone: a batched join would see the pre-statement rows.</li>
 * <li>d: delete by key.</li>
 * <li>t: {@code TRUNCATE}; consecutive truncates become one statement so tables that reference each other can
 *     be truncated together, as the source did.</li>
 * <li>Tables without a primary key: update and delete match one row by its whole before-image, which the source
 *     sends with {@code REPLICA IDENTITY FULL}; without it the change is rejected with an explanation.</li>
 * </ul>
 *
 * <h2>Pipelining</h2>
 * Small source transactions alternate tables and operations (update a, insert b, delete b, insert c), so most
 * batches hold one row and the apply was one round trip per row change: on a busy machine each round trip
 * waits for the server to be scheduled, and that, not the work, capped the apply at a few hundred changes a
 * second. Finished statements are therefore queued and sent together, up to {@value #MAX_PIPELINED} at a time,
 * as one multi-statement text: the driver sends them in one round trip and the server runs them
 * one after the other in the given order, in the caller's transaction, exactly as if they had been executed one
 * by one (each sees the effects of the previous ones; triggers and constraints fire in the same order). Each
 * shape is prepared on the server by name once per connection and the queue is sent as {@code EXECUTE}s of those
 * names, so a pipeline of many shapes and transactions is neither re-parsed nor re-planned. The queue is sent
 * before anything else runs on the connection: a truncate, a row-by-row statement, and {@link #flush()}
 * (signals, the commit).
 *
 * <h2>Collapsing across transactions ({@code reorder})</h2>
 * The applier writes many small source transactions in one target transaction, and in the OLTP case each of
 * them alternates tables, so the batches above hold one or two rows and a batch of a thousand transactions is
 * thousands of statements. Inside the target transaction the order of changes on different rows is observable
 * only by what runs per row: triggers that fire, rules, policies, foreign-key checks, unique indexes checked row
 * by row, defaults. For tables where none of that applies ({@link ReorderSafety}) the writer therefore collects
 * the changes of the whole run and collapses them per key into each row's final state ({@link CollapsedRun}),
 * written at the end as one delete, one upsert and one update per column set per table. Everything else is a
 * barrier, written at its exact position after the collected runs: a change of any other table (its triggers
 * may read the collapsed tables), a key change, a truncate, a different column list, a signal ({@link #flush()}).
 * The committed result, and everything a trigger can see, is that of applying the changes one by one in order.
 */
public final class RowWriter {

    private final Connection connection;
    private final SchemaEvolution schema;
    private final StatementCache statements;
    private final int maxRows;
    /** Statements to send together: at most this many per round trip. */
    static final int MAX_PIPELINED = 256;
    /** "prepared statement ... does not exist" */
    private static final String INVALID_SQL_STATEMENT_NAME = "26000";
    private final List<Pending> ready = new ArrayList<>();
    private final Map<Object, TargetTable> transactionShapes = new HashMap<>();
    private final RowCounts counts = new RowCounts();
    private final Set<TableName> touched = new LinkedHashSet<>();
    private Pending pending;
    private final List<TableName> truncates = new ArrayList<>();
    /** Collapsed changes per table, written at the next barrier ({@code reorder} only). */
    private final Map<TableName, CollapsedRun> runs = new LinkedHashMap<>();
    private final ReorderSafety reorderSafety;
    private int statementsSent;
    /** Whether updates and deletes appended now count rows they do not find as missed. */
    private boolean countMissed = true;

    public RowWriter(Connection connection, SchemaEvolution schema, StatementCache statements, int maxRows) {
        this(connection, schema, statements, maxRows, false);
    }

    /** @param reorder collapse changes of tables where their order cannot be observed (see the class comment) */
    public RowWriter(Connection connection, SchemaEvolution schema, StatementCache statements, int maxRows,
                     boolean reorder) {
        this.connection = connection;
        this.schema = schema;
        this.statements = statements;
        this.maxRows = maxRows;
        this.reorderSafety = reorder ? new ReorderSafety() : null;
    }

    public void write(RowChange change) throws SQLException {
        TableName name = new TableName(change.schema(), change.table());
        CollapsedRun run = runs.get(name);
        if (run != null && run.columns != change.columns() && !run.columns.equals(change.columns())) {
            flushRuns(); // the table's columns changed (schema evolution may alter it): the run ends here
        }
        TargetTable table = schema.ensure(connection, change, transactionShapes);
        touched.add(new TableName(table.schema(), table.name()));
        counts.add(table.qualifiedName(), change.op());
        if (reorderSafety != null && change.op() != Op.TRUNCATE
                && reorderSafety.reorderable(connection, name, table, change.columns()) && collapse(name, table, change)) {
            return;
        }
        if (!runs.isEmpty()) {
            flushRuns(); // a barrier: everything collected comes first
        }
        if (change.op() == Op.TRUNCATE) {
            if (pending != null) {
                flushPending();
            }
            truncates.add(new TableName(table.schema(), table.name()));
            return;
        }
        flushTruncates();
        switch (change.op()) {
            case CREATE, READ -> insert(table, change, change.after());
            case UPDATE -> update(table, change);
            case DELETE -> delete(table, change);
            default -> throw new IllegalStateException("unexpected op " + change.op());
        }
    }

    /** Writes whatever is collected. Call before anything else touches the connection (a signal, the commit). */
    public void flush() throws SQLException {
        flushTruncates();
        flushRuns();
        if (pending != null) {
            flushPending();
        }
        sendReady();
    }

    public RowCounts counts() {
        return counts;
    }

    public Set<TableName> tablesTouched() {
        return touched;
    }

    /** A command ran on the connection (it may have changed triggers or indexes): check tables again. */
    public void catalogMayHaveChanged() {
        if (reorderSafety != null) {
            reorderSafety.forget();
        }
    }

    /** Statements sent to the server so far (pipelined ones counted one by one). */
    public int statementsSent() {
        return statementsSent;
    }

    // ------------------------------------------------------------------ collapsing

    /** @return false if the change must be written at its position (a key change, a row without its key) */
    private boolean collapse(TableName name, TargetTable table, RowChange change) throws SQLException {
        String[] key;
        switch (change.op()) {
            case CREATE, READ -> {
                key = keyValues(table, change, change.after());
                if (key == null) {
                    return false; // written in place, which reports it
                }
                flushTruncates();
                run(name, table, change).row(key, change.after(), presentColumns(table, change, change.after(), false));
            }
            case UPDATE -> {
                key = oldKey(table, change);
                String[] newKey = keyValues(table, change, change.after());
                if (newKey != null && !Arrays.equals(key, newKey)) {
                    return false;
                }
                flushTruncates();
                if (change.unchanged().isEmpty() && newKey != null
                        && presentColumns(table, change, change.after(), false).size() == writableColumns(table, change).size()) {
                    run(name, table, change).row(key, change.after(), presentColumns(table, change, change.after(), false));
                } else {
                    List<Column> present = presentColumns(table, change, change.after(), true);
                    if (!present.isEmpty() && run(name, table, change).partial(key, change.after(), present)) {
                        counts.missed(1);
                    }
                }
            }
            case DELETE -> {
                key = oldKey(table, change);
                flushTruncates();
                if (run(name, table, change).delete(key)) {
                    counts.missed(1);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private CollapsedRun run(TableName name, TargetTable table, RowChange change) {
        return runs.computeIfAbsent(name, n -> new CollapsedRun(table, change.columns()));
    }

    /** Writes the collected runs: per table its deletes, its whole rows, its partial updates per column set. */
    private void flushRuns() throws SQLException {
        if (runs.isEmpty()) {
            return;
        }
        List<CollapsedRun> all = new ArrayList<>(runs.values());
        runs.clear();
        for (CollapsedRun run : all) {
            TargetTable table = run.table;
            List<Column> writable = run.columns.stream().filter(col -> table.column(col.name()).writable()).toList();
            Map<List<Column>, List<CollapsedRun.Entry>> partials = new LinkedHashMap<>();
            List<CollapsedRun.Entry> rows = new ArrayList<>();
            StatementShape delete = shape(WriteKind.DELETE, table, List.of(), table.primaryKey());
            List<CollapsedRun.Entry> runRowDeletes = new ArrayList<>();
            for (CollapsedRun.Entry e : run.keys.values()) {
                switch (e.state) {
                    case DELETED -> {
                        if (e.deletesRunRow) {
                            runRowDeletes.add(e);
                        } else {
                            append(delete, e.key, null, false);
                        }
                    }
                    case ROW -> rows.add(e);
                    case PARTIAL -> partials.computeIfAbsent(presentIn(writable, e.values), k -> new ArrayList<>()).add(e);
                }
            }
            if (!runRowDeletes.isEmpty()) {
                // Rows the run wrote: row by row each delete found its row, so an absent one is no miss.
                countMissed = false;
                for (CollapsedRun.Entry e : runRowDeletes) {
                    append(delete, e.key, null, false);
                }
                countMissed = true;
            }
            for (CollapsedRun.Entry e : rows) {
                List<Column> columns = presentIn(writable, e.values);
                append(shape(WriteKind.UPSERT, table, columns, List.of()), values(columns, e.values), Arrays.asList(e.key), false);
            }
            for (Map.Entry<List<Column>, List<CollapsedRun.Entry>> group : partials.entrySet()) {
                StatementShape update = shape(WriteKind.UPDATE, table, group.getKey(), table.primaryKey());
                for (CollapsedRun.Entry e : group.getValue()) {
                    append(update, concat(e.key, values(group.getKey(), e.values)), Arrays.asList(e.key), false);
                }
            }
        }
    }

    private static List<Column> presentIn(List<Column> columns, ObjectNode values) {
        List<Column> out = new ArrayList<>();
        for (Column col : columns) {
            if (values.has(col.name())) {
                out.add(col);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ planning

    private void insert(TargetTable table, RowChange change, ObjectNode row) throws SQLException {
        List<Column> columns = presentColumns(table, change, row, false);
        String[] values = values(columns, row);
        if (!table.keyed()) {
            append(shape(WriteKind.INSERT, table, columns, List.of()), values, null, false);
            return;
        }
        String[] key = keyValues(table, change, row);
        if (key == null) {
            throw malformed(change, "its row image lacks key columns " + table.primaryKey());
        }
        append(shape(WriteKind.UPSERT, table, columns, List.of()), values, Arrays.asList(key), false);
    }

    private void update(TargetTable table, RowChange change) throws SQLException {
        if (!table.keyed()) {
            keyless(WriteKind.KEYLESS_UPDATE, table, change);
            return;
        }
        String[] oldKey = oldKey(table, change);
        String[] newKey = keyValues(table, change, change.after());
        boolean keyChange = newKey != null && !Arrays.equals(oldKey, newKey);
        if (!keyChange && change.unchanged().isEmpty() && newKey != null
                && presentColumns(table, change, change.after(), false).size() == writableColumns(table, change).size()) {
            insert(table, change, change.after());
            return;
        }
        List<Column> present = presentColumns(table, change, change.after(), true);
        if (present.isEmpty()) {
            return; // only unchanged TOAST columns: nothing to write
        }
        String[] values = concat(oldKey, values(present, change.after()));
        append(shape(WriteKind.UPDATE, table, present, table.primaryKey()), values,
                Arrays.asList(oldKey), keyChange);
    }

    private void delete(TargetTable table, RowChange change) throws SQLException {
        if (!table.keyed()) {
            keyless(WriteKind.KEYLESS_DELETE, table, change);
            return;
        }
        String[] key = oldKey(table, change);
        append(shape(WriteKind.DELETE, table, List.of(), table.primaryKey()), key, null, false);
    }

    private void keyless(WriteKind kind, TargetTable table, RowChange change) throws SQLException {
        ObjectNode before = change.before();
        List<Column> match = new ArrayList<>();
        for (Column col : writableColumns(table, change)) {
            if (before == null || !before.has(col.name())) {
                throw new ApplyException("table " + change.qualifiedTable() + " has no primary key and the "
                        + change.op().code() + " event " + change.id() + " carries no full before-image (column "
                        + col.name() + " is missing): set REPLICA IDENTITY FULL on the source table, or give it a "
                        + "primary key, then restart the stream");
            }
            match.add(col);
        }
        List<Column> set = kind == WriteKind.KEYLESS_UPDATE ? presentColumns(table, change, change.after(), true) : List.of();
        if (kind == WriteKind.KEYLESS_UPDATE && set.isEmpty()) {
            return;
        }
        String[] values = concat(values(set, change.after()), values(match, before));
        append(shape(kind, table, set, match.stream().map(Column::name).toList()), values, null, false);
    }

    /** Columns of the event, in event order, that have a value in {@code row} and can be written. */
    private static List<Column> presentColumns(TargetTable table, RowChange change, ObjectNode row, boolean forUpdate) {
        List<Column> out = new ArrayList<>();
        for (Column col : writableColumns(table, change)) {
            TargetColumn target = table.column(col.name());
            if (row.has(col.name()) && !change.unchanged().contains(col.name())
                    && !(forUpdate && target.identityAlways())) {
                out.add(col);
            }
        }
        return out;
    }

    private static List<Column> writableColumns(TargetTable table, RowChange change) {
        return change.columns().stream().filter(col -> table.column(col.name()).writable()).toList();
    }

    private static String[] values(List<Column> columns, ObjectNode row) {
        String[] values = new String[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = PgValues.toText(row.get(columns.get(i).name()), columns.get(i).type());
        }
        return values;
    }

    /** The key the row had before the change: from {@code before} when it holds the key, else from {@code key}. */
    private static String[] oldKey(TargetTable table, RowChange change) {
        String[] key = keyValues(table, change, change.before());
        if (key == null) {
            key = keyValues(table, change, change.key());
        }
        if (key == null) {
            throw malformed(change, "neither its before-image nor its key holds the key columns " + table.primaryKey());
        }
        return key;
    }

    private static String[] keyValues(TargetTable table, RowChange change, ObjectNode row) {
        if (row == null) {
            return null;
        }
        String[] key = new String[table.primaryKey().size()];
        for (int i = 0; i < key.length; i++) {
            JsonNode v = row.get(table.primaryKey().get(i));
            if (v == null) {
                return null;
            }
            key[i] = PgValues.toText(v);
        }
        return key;
    }

    private StatementShape shape(WriteKind kind, TargetTable table, List<Column> valueColumns, List<String> matchColumns) {
        List<StatementShape.TypedColumn> values = new ArrayList<>();
        boolean overriding = false;
        for (Column col : valueColumns) {
            TargetColumn target = table.column(col.name());
            values.add(new StatementShape.TypedColumn(target.name(), target.type(), target.identityAlways()));
            overriding |= target.identityAlways();
        }
        List<StatementShape.TypedColumn> match = new ArrayList<>();
        for (String name : matchColumns) {
            TargetColumn target = table.column(name);
            match.add(new StatementShape.TypedColumn(target.name(), target.type(), target.identityAlways()));
        }
        return new StatementShape(kind, table.schema(), table.name(), values, match,
                kind == WriteKind.UPSERT ? table.primaryKey() : List.of(), overriding && kind != WriteKind.UPDATE);
    }

    private void append(StatementShape shape, String[] values, List<String> rowKey, boolean alone) throws SQLException {
        if (pending != null && (!pending.shape.equals(shape) || (rowKey != null && pending.keys.contains(rowKey)) || alone
                || pending.countMissed != countMissed)) {
            flushPending();
        }
        if (pending == null) {
            pending = new Pending(shape);
            pending.countMissed = countMissed;
        }
        pending.rows.add(values);
        if (rowKey != null) {
            pending.keys.add(rowKey);
        }
        if (alone || pending.rows.size() >= maxRows) {
            flushPending();
        }
    }

    // ------------------------------------------------------------------ execution

    /** Ends the collected batch: an array-bound statement joins the send queue, any other is executed now. */
    private void flushPending() throws SQLException {
        Pending p = pending;
        pending = null;
        if (p.shape.arrayBound()) {
            ready.add(p);
            if (ready.size() >= MAX_PIPELINED) {
                sendReady();
            }
            return;
        }
        sendReady();
        statementsSent++;
        try (PreparedStatement ps = connection.prepareStatement(statements.sql(p.shape))) {
            for (String[] row : p.rows) {
                for (int i = 0; i < row.length; i++) {
                    ps.setString(i + 1, row[i]);
                }
                ps.addBatch();
            }
            for (int affected : ps.executeBatch()) {
                counts.missed(affected == 0 ? 1 : 0);
            }
        }
    }

    /**
     * Sends the queued statements in one round trip, in order (see the class comment): each shape is prepared on
     * the server once per connection ({@link StatementCache#preparedNames}), so the text sent is a list of
     * {@code EXECUTE}s whose statements the server neither parses nor plans again; the values are array
     * literals ({@link TextArrayLiteral}: EXECUTE cannot take bound parameters).
     */
    private void sendReady() throws SQLException {
        if (ready.isEmpty()) {
            return;
        }
        List<Pending> batch = new ArrayList<>(ready);
        ready.clear();
        statementsSent += batch.size();
        List<StatementShape> shapes = new ArrayList<>(batch.size());
        batch.forEach(p -> shapes.add(p.shape));
        List<String> names = statements.preparedNames(connection, shapes);
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            sql.append("EXECUTE ").append(names.get(i));
            int columns = p.rows.get(0).length;
            for (int col = 0; col < columns; col++) {
                sql.append(col == 0 ? "(" : ", ");
                TextArrayLiteral.append(sql, p.rows, col);
            }
            sql.append(columns == 0 ? "" : ")");
        }
        try (Statement ps = connection.createStatement()) {
            ps.setEscapeProcessing(false); // no JDBC {escapes} to look for: the braces are array literals
            try {
                ps.execute(sql.toString());
            } catch (SQLException e) {
                if (INVALID_SQL_STATEMENT_NAME.equals(e.getSQLState())) {
                    statements.forget(connection); // deallocated behind our back: the next attempt prepares again
                }
                throw e;
            }
            for (Pending p : batch) {
                int affected = ps.getUpdateCount();
                if (affected < 0) {
                    throw new SQLException("expected an update count for " + p.shape.kind() + " on "
                            + Sql.table(p.shape.schema(), p.shape.table()) + ", the driver returned none");
                }
                if ((p.shape.kind() == WriteKind.UPDATE || p.shape.kind() == WriteKind.DELETE) && p.countMissed) {
                    counts.missed(Math.max(0, p.rows.size() - affected));
                }
                ps.getMoreResults();
            }
        }
    }

    private void flushTruncates() throws SQLException {
        if (truncates.isEmpty()) {
            return;
        }
        sendReady(); // the statements before the truncate run first
        List<String> names = truncates.stream().map(t -> Sql.table(t.schema(), t.name())).distinct().toList();
        truncates.clear();
        try (Statement s = connection.createStatement()) {
            s.execute("TRUNCATE " + String.join(", ", names));
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static ApplyException malformed(RowChange change, String problem) {
        return new ApplyException("change " + change.id() + " on " + change.qualifiedTable() + " cannot be applied: " + problem);
    }

    private static final class Pending {
        final StatementShape shape;
        final List<String[]> rows = new ArrayList<>();
        final Set<List<String>> keys = new HashSet<>();
        boolean countMissed = true;

        Pending(StatementShape shape) {
            this.shape = shape;
        }
    }

    /** A target table by schema and name. */
    public record TableName(String schema, String name) {
    }
}
