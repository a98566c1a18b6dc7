package io.sgstream.capture.offsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sgstream.capture.PostgresEndpoint;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Kafka Connect offset store in a PostgreSQL table, one row per offset key of a stream, so the offsets survive the
 * pod and a capture started elsewhere resumes. (Debezium's own JDBC store is not published for 3.6.3.)
 *
 * <p>Offsets are read once at start and served from memory; each flush is written in one database transaction, so
 * a crash leaves either the previous or the new offset. Writes that would not change a row are skipped: an idle
 * stream does not write its own offset table every heartbeat.
 *
 * <p>The engine creates this class by name and configures it from its properties ({@link OffsetStoreSettings});
 * the capture also opens one directly to read the committed position before the engine starts.
 */
public final class JdbcOffsetBackingStore implements OffsetBackingStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcOffsetBackingStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PostgresEndpoint database;
    private String schema;
    private String table;
    private String stream;
    private final Map<ByteBuffer, ByteBuffer> data = new ConcurrentHashMap<>();
    private volatile ExecutorService writer;
    private Connection connection;

    /** For the engine, which configures it with {@link #configure(WorkerConfig)}. */
    public JdbcOffsetBackingStore() {
    }

    /** For reading or writing offsets outside the engine. */
    public JdbcOffsetBackingStore(OffsetStoreSettings settings, String stream) {
        if (settings.kind() != OffsetStoreSettings.Kind.JDBC) {
            throw new IllegalArgumentException("not a JDBC offset store: " + settings);
        }
        this.database = settings.database();
        this.schema = settings.schemaName();
        this.table = settings.tableName();
        this.stream = Objects.requireNonNull(stream, "stream");
    }

    @Override
    public void configure(WorkerConfig config) {
        Map<String, String> p = config.originalsStrings();
        String url = required(p, OffsetStoreSettings.URL);
        Map<String, String> jdbcProperties = new HashMap<>();
        p.forEach((k, v) -> {
            if (k.startsWith(OffsetStoreSettings.JDBC_PROPERTY)) {
                jdbcProperties.put(k.substring(OffsetStoreSettings.JDBC_PROPERTY.length()), v);
            }
        });
        this.database = endpoint(url, required(p, OffsetStoreSettings.USER), p.get(OffsetStoreSettings.PASSWORD), jdbcProperties);
        String qualified = p.getOrDefault(OffsetStoreSettings.TABLE, OffsetStoreSettings.DEFAULT_TABLE);
        OffsetStoreSettings settings = OffsetStoreSettings.jdbc(database, qualified);
        this.schema = settings.schemaName();
        this.table = settings.tableName();
        this.stream = required(p, OffsetStoreSettings.STREAM);
    }

    private static PostgresEndpoint endpoint(String url, String user, String password, Map<String, String> props) {
        // jdbc:postgresql://host:port/database, as OffsetStoreSettings writes it
        String rest = url.substring("jdbc:postgresql://".length());
        int slash = rest.indexOf('/');
        String hostPort = rest.substring(0, slash);
        int colon = hostPort.lastIndexOf(':');
        return new PostgresEndpoint(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)),
                rest.substring(slash + 1), user, password, props);
    }

    private static String required(Map<String, String> p, String key) {
        String v = p.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("offset store property " + key + " is required");
        }
        return v;
    }

    @Override
    public void start() {
        writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sgstream-offsets-" + stream);
            t.setDaemon(true);
            return t;
        });
        try {
            ensureTable();
            load();
        } catch (SQLException e) {
            closeConnection();
            writer.shutdownNow();
            throw new IllegalStateException("cannot read the offsets of stream " + stream + " from " + qualifiedName()
                    + " at " + database.address() + "/" + database.database() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.shutdown();
            try {
                if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("Offset writes of stream {} did not finish within 30 s", stream);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writer = null;
        }
        closeConnection();
    }

    @Override
    public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        Map<ByteBuffer, ByteBuffer> result = new HashMap<>();
        for (ByteBuffer key : keys) {
            result.put(key, data.get(key));
        }
        return CompletableFuture.completedFuture(result);
    }

    @Override
    public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        ExecutorService w = writer;
        if (w == null) {
            IllegalStateException stopped = new IllegalStateException("offset store of stream " + stream + " is stopped");
            if (callback != null) {
                callback.onCompletion(stopped, null);
            }
            return CompletableFuture.failedFuture(stopped);
        }
        Map<ByteBuffer, ByteBuffer> copy = new LinkedHashMap<>(values);
        return w.submit(() -> {
            try {
                write(copy);
            } catch (SQLException | RuntimeException e) {
                closeConnection(); // reconnect on the next flush
                if (callback != null) {
                    callback.onCompletion(e, null);
                }
                throw e;
            }
            if (callback != null) {
                callback.onCompletion(null, null);
            }
            return null;
        });
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        Set<Map<String, Object>> partitions = new HashSet<>();
        for (ByteBuffer key : data.keySet()) {
            try {
                JsonNode k = JSON.readTree(bytes(key));
                if (k.isArray() && k.size() == 2 && connectorName.equals(k.get(0).asText())) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> partition = JSON.convertValue(k.get(1), Map.class);
                    partitions.add(partition);
                }
            } catch (IOException e) {
                LOG.warn("Ignoring an offset key of stream {} that is not JSON", stream);
            }
        }
        return partitions;
    }

    private void write(Map<ByteBuffer, ByteBuffer> values) throws SQLException {
        Map<ByteBuffer, ByteBuffer> changed = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!Objects.equals(data.get(k), v)) {
                changed.put(k, v);
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        Connection c = connection();
        String upsert = "INSERT INTO " + qualifiedName() + " (stream, offset_key, offset_value, updated_at) "
                + "VALUES (?, ?, ?, clock_timestamp()) ON CONFLICT (stream, offset_key) "
                + "DO UPDATE SET offset_value = EXCLUDED.offset_value, updated_at = EXCLUDED.updated_at";
        String delete = "DELETE FROM " + qualifiedName() + " WHERE stream = ? AND offset_key = ?";
        try (PreparedStatement up = c.prepareStatement(upsert); PreparedStatement del = c.prepareStatement(delete)) {
            for (Map.Entry<ByteBuffer, ByteBuffer> e : changed.entrySet()) {
                String key = text(e.getKey());
                if (e.getValue() == null) {
                    del.setString(1, stream);
                    del.setString(2, key);
                    del.executeUpdate();
                } else {
                    up.setString(1, stream);
                    up.setString(2, key);
                    up.setString(3, text(e.getValue()));
                    up.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly(c);
            throw e;
        }
        changed.forEach((k, v) -> {
            if (v == null) {
                data.remove(k);
            } else {
                data.put(k, v);
            }
        });
    }

    private void ensureTable() throws SQLException {
        Connection c = connection();
        try {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                ps.setString(1, qualifiedName());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    exists = rs.getBoolean(1);
                }
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    // checked first: CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when it exists
                    try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_namespace WHERE nspname = '" + schema + "'")) {
                        if (!rs.next()) {
                            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                        }
                    }
                    s.execute("CREATE TABLE IF NOT EXISTS " + qualifiedName() + " ("
                            + "stream text NOT NULL, offset_key text NOT NULL, offset_value text, "
                            + "updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (stream, offset_key))");
                    s.execute("COMMENT ON TABLE " + qualifiedName() + " IS 'Debezium offsets of SGStream captures "
                            + "(one row per stream and offset key); written by the capture service'");
                }
                LOG.info("Created offset table {} in {}", qualifiedName(), database.database());
            }
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly(c);
            throw e;
        }
    }

    private void load() throws SQLException {
        Connection c = connection();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT offset_key, offset_value FROM " + qualifiedName() + " WHERE stream = ?")) {
            ps.setString(1, stream);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String value = rs.getString(2);
                    if (value != null) {
                        data.put(buffer(rs.getString(1)), buffer(value));
                    }
                }
            }
            c.commit();
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = database.connect("sgstream-capture-offsets");
            connection.setAutoCommit(false);
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // broken already
            }
            connection = null;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is dropped next
        }
    }

    private String qualifiedName() {
        return schema + "." + table;
    }

    private static ByteBuffer buffer(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    private static String text(ByteBuffer b) {
        return new String(bytes(b), StandardCharsets.UTF_8);
    }
}
