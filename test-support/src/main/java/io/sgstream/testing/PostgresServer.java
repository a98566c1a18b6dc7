package io.sgstream.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server started from the embedded binaries (no installation, runs as root), configured for
 * logical replication. Tests and the local runner use it; nothing has to be running beforehand.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a server with {@code wal_level=logical}, enough slots and senders for many streams. */
    public static PostgresServer startLogical() {
        return start(true, Map.of());
    }

    /**
     * Like {@link #startLogical()}, plus server settings of the test's own, applied last so they win, e.g.
     * {@code ssl=on} with {@code ssl_cert_file}/{@code ssl_key_file} from {@link TestCertificateAuthority}.
     */
    public static PostgresServer startLogical(Map<String, String> serverConfig) {
        return start(true, serverConfig);
    }

    /** Starts a server with the default {@code wal_level=replica}: for tests of the "not logical" error. */
    public static PostgresServer startNonLogical() {
        return start(false, Map.of());
    }

    /**
     * Starts are tried this often: the embedded server's port is one found free and released again before the
     * server binds it, so on a machine running other builds another process may take it in between.
     */
    static final int START_ATTEMPTS = 3;

    private static PostgresServer start(boolean logical, Map<String, String> serverConfig) {
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce(logical, serverConfig);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        throw failure;
    }

    private static PostgresServer startOnce(boolean logical, Map<String, String> serverConfig) {
        try {
            Path dataDir = Files.createTempDirectory("sgstream-pg-");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    // the default 10 s is short for initdb and start-up on a loaded 2-core CI machine
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off") // test and demo data only: durability of the OS is not under test
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("max_wal_size", "2GB");
            if (logical) {
                builder.setServerConfig("wal_level", "logical")
                        .setServerConfig("max_replication_slots", "32")
                        .setServerConfig("max_wal_senders", "32")
                        .setServerConfig("max_logical_replication_workers", "16")
                        .setServerConfig("max_worker_processes", "32");
            }
            serverConfig.forEach(builder::setServerConfig);
            return new PostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String host() {
        return "localhost";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates a fresh, empty database with a unique name and returns that name. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + DATABASES.incrementAndGet()).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        execute("postgres", "CREATE DATABASE " + name);
        return name;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
    }

    /** Runs SQL statements (each in autocommit) and fails loudly on error. */
    public void execute(String database, String... sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
