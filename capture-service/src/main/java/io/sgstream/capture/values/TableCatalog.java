package io.sgstream.capture.values;

import io.sgstream.capture.PostgresEndpoint;
import io.sgstream.event.Column;
import io.sgstream.event.KeyIdentity;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Column types ({@code format_type(atttypid, atttypmod)}), key and replica identity of captured tables, read from the
 * source catalog once per version of a table's Debezium schema: Debezium builds a new schema object when a relation
 * changes, so caching by schema identity re-reads exactly when needed and never per event. The catalog read is the
 * table as it is then, not as it was at the change: a primary key added while the capture lags behind shows early.
 *
 * <p>Used from the engine's record thread only; not thread-safe.
 */
public final class TableCatalog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TableCatalog.class);
    /** Schemas seen; a table altered very often would otherwise keep old versions forever. */
    private static final int MAX_CACHED = 4096;

    // search_path is pg_catalog only, so format_type qualifies every type outside it (public.mood)
    private static final String COLUMNS = """
            SELECT a.attname,
                   pg_catalog.format_type(a.atttypid, a.atttypmod),
                   CASE WHEN t.typcategory = 'A' THEN et.typdelim END,
                   coalesce(a.attnum = ANY (pk.indkey::int2[]), false),
                   coalesce(a.attnum = ANY (ri.indkey::int2[]), false),
                   c.relreplident
              FROM pg_catalog.pg_class c
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
              JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
              LEFT JOIN pg_catalog.pg_type et ON et.oid = t.typelem
              LEFT JOIN pg_catalog.pg_index pk ON pk.indrelid = c.oid AND pk.indisprimary
              LEFT JOIN pg_catalog.pg_index ri ON ri.indrelid = c.oid AND ri.indisreplident
             WHERE n.nspname = ? AND c.relname = ?
             ORDER BY a.attnum""";

    private final PostgresEndpoint source;
    private final Map<Schema, TableShape> shapes = new IdentityHashMap<>();
    private Connection connection;

    public TableCatalog(PostgresEndpoint source) {
        this.source = source;
    }

    /**
     * The shape of {@code schema.table} for rows described by {@code rowSchema} (the captured columns) and keys by
     * {@code keySchema} (null for a table without a message key).
     */
    public TableShape shape(String schema, String table, Schema rowSchema, Schema keySchema) {
        TableShape shape = shapes.get(rowSchema);
        if (shape == null) {
            if (shapes.size() >= MAX_CACHED) {
                shapes.clear();
            }
            shape = load(schema, table, rowSchema, keySchema);
            shapes.put(rowSchema, shape);
        }
        return shape;
    }

    private TableShape load(String schema, String table, Schema rowSchema, Schema keySchema) {
        Map<String, CatalogColumn> catalog = query(schema, table);
        List<Column> columns = new ArrayList<>();
        Map<String, ColumnType> types = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        if (keySchema != null) {
            keySchema.fields().forEach(f -> keys.add(f.name()));
        }
        String relreplident = catalog.values().stream().findFirst().map(CatalogColumn::replident).orElse("d");
        TableShape.ReplicaIdentity identity = TableShape.ReplicaIdentity.of(relreplident);
        Set<String> identityColumns = new LinkedHashSet<>();
        for (Field field : rowSchema.fields()) {
            CatalogColumn c = catalog.get(field.name());
            if (c == null) {
                LOG.warn("Column {}.{}.{} is not in the catalog (dropped since?); its type is reported as text",
                        schema, table, field.name());
                c = new CatalogColumn(field.name(), "text", ',', false, false, relreplident);
            }
            types.put(c.name, ColumnType.of(c.type, c.delimiter));
            boolean inIdentity = switch (identity) {
                case FULL -> true;
                case INDEX -> c.inReplicaIdentityIndex;
                case DEFAULT -> c.inPrimaryKey;
                case NOTHING -> false;
            };
            if (inIdentity) {
                identityColumns.add(c.name);
            }
        }
        if (keys.isEmpty()) {
            keys.addAll(identity == TableShape.ReplicaIdentity.FULL ? types.keySet() : identityColumns);
        }
        // A FULL table without primary key has its whole row as key (Debezium's streaming key takes pgoutput's
        // identity columns, the snapshot has none and we fill it in), which identical rows share: say so, or a
        // target would make a primary key of it and merge the duplicates. The catalog tells it from a table whose
        // primary key is all its columns; configured message key columns (fewer) keep their meaning.
        KeyIdentity keyIdentity = identity == TableShape.ReplicaIdentity.FULL
                && catalog.values().stream().noneMatch(CatalogColumn::inPrimaryKey)
                && keys.containsAll(types.keySet()) ? KeyIdentity.FULL : KeyIdentity.PRIMARY_KEY;
        for (Map.Entry<String, ColumnType> e : types.entrySet()) {
            columns.add(new Column(e.getKey(), e.getValue().name(), keys.contains(e.getKey())));
        }
        return new TableShape(schema, table, columns, types, keys, identity, identityColumns, keyIdentity);
    }

    private Map<String, CatalogColumn> query(String schema, String table) {
        try {
            return queryOnce(schema, table);
        } catch (SQLException first) {
            // one reconnect: the connection may have been idle for long and dropped by a proxy
            closeQuietly();
            try {
                return queryOnce(schema, table);
            } catch (SQLException e) {
                e.addSuppressed(first);
                throw new IllegalStateException("cannot read the catalog of " + schema + "." + table + " at "
                        + source.address() + ": " + e.getMessage(), e);
            }
        }
    }

    private Map<String, CatalogColumn> queryOnce(String schema, String table) throws SQLException {
        Map<String, CatalogColumn> columns = new LinkedHashMap<>();
        try (PreparedStatement ps = connection().prepareStatement(COLUMNS)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String delimiter = rs.getString(3);
                    CatalogColumn c = new CatalogColumn(rs.getString(1), rs.getString(2),
                            delimiter == null || delimiter.isEmpty() ? ',' : delimiter.charAt(0),
                            rs.getBoolean(4), rs.getBoolean(5), rs.getString(6));
                    columns.put(c.name, c);
                }
            }
        }
        return columns;
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = source.connect("sgstream-capture-catalog");
            try (Statement s = connection.createStatement()) {
                s.execute("SET search_path = pg_catalog");
            }
        }
        return connection;
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private record CatalogColumn(String name, String type, char delimiter, boolean inPrimaryKey,
                                 boolean inReplicaIdentityIndex, String replident) {
    }
}
