package io.sgstream.bench.systems;

import io.sgstream.bench.measure.ProcessStats;
import io.sgstream.testing.PostgresServer;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server the benchmark creates its fresh databases in: an embedded one started here, or one given by
 * URL (then the user must be allowed to create databases, and the source server needs {@code wal_level=logical}).
 */
public record Server(String host, int port, String user, String password, String adminDatabase, PostgresServer embedded)
        implements AutoCloseable {

    public static Server embedded(PostgresServer server) {
        return new Server(server.host(), server.port(), PostgresServer.USER, PostgresServer.PASSWORD, "postgres", server);
    }

    /** {@code jdbc:postgresql://host[:port]/database}: databases are created next to the one named. */
    public static Server given(String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("expected a JDBC URL jdbc:postgresql://host:port/database, was " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new Server(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password, database, null);
    }

    public String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), user, password);
    }

    public void execute(String database, String... sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    public void createDatabase(String name, String template) throws SQLException {
        execute(adminDatabase, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)",
                "CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
    }

    /** Drops a database with its replication slots (a slot left behind would keep WAL forever). */
    public void dropDatabase(String name) throws SQLException {
        try (Connection c = connect(adminDatabase); Statement s = c.createStatement()) {
            s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = '" + name
                    + "' AND NOT active");
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    public String version() throws SQLException {
        try (Connection c = connect(adminDatabase); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The postmaster's pid when the server runs on this machine (parent of a backend), -1 otherwise. */
    public long postmasterPid() {
        if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
            return -1;
        }
        try (Connection c = connect(adminDatabase); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return ProcessStats.parentPid(rs.getLong(1));
        } catch (SQLException e) {
            return -1;
        }
    }

    /** CPU seconds of every process of this server so far (0 when it is not local). */
    public double cpuSeconds() {
        long pid = postmasterPid();
        return pid < 0 ? 0 : ProcessStats.treeCpuSeconds(pid);
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
