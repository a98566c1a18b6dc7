package io.sgstream.capture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and as whom to reach a PostgreSQL database, with extra pgJDBC properties (e.g. {@code sslmode},
 * {@code sslrootcert}). {@link #toString()} never shows the password.
 */
public record PostgresEndpoint(String host, int port, String database, String user, String password,
                               Map<String, String> jdbcProperties) {

    public PostgresEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        jdbcProperties = jdbcProperties == null ? Map.of() : Map.copyOf(jdbcProperties);
    }

    public PostgresEndpoint(String host, int port, String database, String user, String password) {
        this(host, port, database, user, password, Map.of());
    }

    /** {@code jdbc:postgresql://host:port/database}, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return host + ":" + port;
    }

    /** A plain (non-replication) connection named {@code applicationName} in pg_stat_activity. */
    public Connection connect(String applicationName) throws SQLException {
        Properties props = new Properties();
        props.putAll(jdbcProperties);
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", applicationName);
        props.putIfAbsent("connectTimeout", "10");
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    /** The same server and credentials, another database. */
    public PostgresEndpoint withDatabase(String otherDatabase) {
        return new PostgresEndpoint(host, port, otherDatabase, user, password, jdbcProperties);
    }

    @Override
    public String toString() {
        return "PostgresEndpoint{" + user + "@" + address() + "/" + database + ", password=<redacted>}";
    }
}
