package io.sgstream.apply.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SQL text per statement shape, built once; and the statements prepared on the server by name
 * ({@code PREPARE sgstream_<n>}) per connection and shape, for the writer's pipelines.
 *
 * <p>Why named statements: a pipeline sends many statements of different shapes in one round trip. Sent as their
 * joined texts, the driver re-parses the long text and the server parses and plans every statement each time,
 * since the joined text hardly ever recurs (the driver server-prepares only recurring texts). Prepared once per
 * connection, each shape is planned once and a pipeline is a list of short {@code EXECUTE}s.
 *
 * <p>Prepared statements belong to the session and are not transactional: one that was prepared stays when the
 * transaction rolls back, and the server re-analyses it by name if a table it uses changes. Names come from one
 * counter for the whole process, so a name is never reused: after {@link #forget(Connection)} (a command signal
 * may have run {@code DEALLOCATE}) a shape is simply prepared again under a new name.
 */
public final class StatementCache {

    private static final int MAX_SHAPES = 10_000;
    /** Named statements kept per connection; beyond that they are deallocated and prepared again on demand. */
    static final int MAX_PREPARED_PER_CONNECTION = 500;
    private static final AtomicLong NAMES = new AtomicLong();

    private final Map<StatementShape, String> texts = new ConcurrentHashMap<>();
    /** Per connection (each used by one thread at a time): shape → name of its prepared statement. */
    private final Map<Connection, Map<StatementShape, String>> prepared = Collections.synchronizedMap(new WeakHashMap<>());

    public String sql(StatementShape shape) {
        String sql = texts.get(shape);
        if (sql == null) {
            if (texts.size() >= MAX_SHAPES) {
                texts.clear(); // shapes come from event column sets: bound the memory a churning schema can take
            }
            sql = shape.sql();
            texts.put(shape, sql);
        }
        return sql;
    }

    /**
     * The names under which the shapes are prepared on this connection, in order; those not prepared yet are
     * prepared first, all in one round trip, in the caller's transaction.
     */
    public List<String> preparedNames(Connection c, List<StatementShape> shapes) throws SQLException {
        Map<StatementShape, String> known = prepared.computeIfAbsent(c, k -> new HashMap<>());
        Map<StatementShape, String> fresh = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(shapes.size());
        for (StatementShape shape : shapes) {
            String name = known.get(shape);
            if (name == null) {
                name = fresh.computeIfAbsent(shape, s -> "sgstream_" + NAMES.incrementAndGet());
            }
            names.add(name);
        }
        if (!fresh.isEmpty()) {
            StringBuilder sql = new StringBuilder();
            if (known.size() + fresh.size() > MAX_PREPARED_PER_CONNECTION) {
                for (String name : known.values()) {
                    sql.append("DEALLOCATE ").append(name).append(";\n");
                }
                known.clear();
            }
            for (Map.Entry<StatementShape, String> e : fresh.entrySet()) {
                sql.append(prepareStatement(e.getValue(), e.getKey())).append(";\n");
            }
            try (Statement s = c.createStatement()) {
                s.setEscapeProcessing(false);
                s.execute(sql.toString());
            } catch (SQLException e) {
                known.clear(); // some may be gone, some may exist: new names next time, whatever happened
                throw e;
            }
            known.putAll(fresh);
        }
        return names;
    }

    /** Forgets what was prepared on this connection (its session state is not known anymore). */
    public void forget(Connection c) {
        prepared.remove(c);
    }

    static String prepareStatement(String name, StatementShape shape) {
        int n = shape.arrayParameters();
        return "PREPARE " + name + (n == 0 ? "" : "(" + String.join(", ", Collections.nCopies(n, "text[]")) + ")")
                + " AS " + shape.preparableSql();
    }
}
