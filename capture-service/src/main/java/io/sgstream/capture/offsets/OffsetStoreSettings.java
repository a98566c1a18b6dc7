package io.sgstream.capture.offsets;

import io.sgstream.capture.PostgresEndpoint;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the committed Debezium offsets of a stream (and with them the stream's epoch and txseq) are kept.
 *
 * <ul>
 * <li>{@link #jdbc}: a table in a PostgreSQL database, by default {@code sgstream.capture_offsets} in the source
 *     database itself, so a capture restarted on any machine resumes where the last one committed.</li>
 * <li>{@link #file}: Kafka Connect's file store, for local experiments (lost with the machine).</li>
 * </ul>
 */
public record OffsetStoreSettings(Kind kind, PostgresEndpoint database, String table, Path file) {

    public enum Kind {
        JDBC, FILE
    }

    public static final String DEFAULT_TABLE = "sgstream.capture_offsets";

    /** Engine properties read by {@link JdbcOffsetBackingStore}. */
    static final String PREFIX = "sgstream.offsets.";
    static final String URL = PREFIX + "jdbc.url";
    static final String USER = PREFIX + "jdbc.user";
    // ends with "password" so Debezium masks it wherever it logs its configuration
    static final String PASSWORD = PREFIX + "jdbc.password";
    static final String JDBC_PROPERTY = PREFIX + "jdbc.property.";
    static final String TABLE = PREFIX + "table";
    static final String STREAM = PREFIX + "stream";

    private static final Pattern QUALIFIED_NAME = Pattern.compile("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*");

    public OffsetStoreSettings {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.JDBC) {
            Objects.requireNonNull(database, "database");
            table = table == null ? DEFAULT_TABLE : table;
            if (!QUALIFIED_NAME.matcher(table).matches()) {
                throw new IllegalArgumentException("offset table must be <schema>.<table> in lower case letters, digits "
                        + "and _, was '" + table + "'");
            }
        } else {
            Objects.requireNonNull(file, "file");
        }
    }

    /** Offsets in {@link #DEFAULT_TABLE} of {@code database}. */
    public static OffsetStoreSettings jdbc(PostgresEndpoint database) {
        return new OffsetStoreSettings(Kind.JDBC, database, DEFAULT_TABLE, null);
    }

    public static OffsetStoreSettings jdbc(PostgresEndpoint database, String table) {
        return new OffsetStoreSettings(Kind.JDBC, database, table, null);
    }

    public static OffsetStoreSettings file(Path file) {
        return new OffsetStoreSettings(Kind.FILE, null, null, file);
    }

    public String schemaName() {
        return table.substring(0, table.indexOf('.'));
    }

    public String tableName() {
        return table.substring(table.indexOf('.') + 1);
    }

    /** The Debezium engine properties selecting and configuring this store for {@code stream}. */
    public Map<String, String> engineProperties(String stream) {
        Map<String, String> p = new LinkedHashMap<>();
        if (kind == Kind.FILE) {
            p.put("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
            p.put("offset.storage.file.filename", file.toAbsolutePath().toString());
            return p;
        }
        p.put("offset.storage", JdbcOffsetBackingStore.class.getName());
        p.put(URL, database.jdbcUrl());
        p.put(USER, database.user());
        if (database.password() != null) {
            p.put(PASSWORD, database.password());
        }
        database.jdbcProperties().forEach((k, v) -> p.put(JDBC_PROPERTY + k, v));
        p.put(TABLE, table);
        p.put(STREAM, stream);
        return p;
    }

    @Override
    public String toString() {
        return kind == Kind.FILE ? "file " + file : "table " + table + " in " + database;
    }
}
