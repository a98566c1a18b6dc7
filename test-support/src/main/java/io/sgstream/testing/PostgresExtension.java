package io.sgstream.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension handing out databases on a real, embedded PostgreSQL with {@code wal_level=logical}.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final PostgresExtension PG = PostgresExtension.shared();
 * ...
 * String db = PG.createDatabase("orders");   // a fresh database per test keeps tests independent
 * </pre>
 *
 * {@link #shared()} starts one server per JVM (fast: the suite pays the start-up once) and stops it at JVM exit;
 * {@link #dedicated()} starts a server for one test class, for tests that restart or break the server.
 */
public final class PostgresExtension implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    private static PostgresServer sharedServer;

    private final boolean shared;
    private final boolean logical;
    private PostgresServer server;

    private PostgresExtension(boolean shared, boolean logical) {
        this.shared = shared;
        this.logical = logical;
    }

    public static PostgresExtension shared() {
        return new PostgresExtension(true, true);
    }

    public static PostgresExtension dedicated() {
        return new PostgresExtension(false, true);
    }

    /** A server with {@code wal_level=replica}, to test what happens when logical decoding is unavailable. */
    public static PostgresExtension nonLogical() {
        return new PostgresExtension(false, false);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (shared) {
            server = sharedServer();
        } else {
            server = logical ? PostgresServer.startLogical() : PostgresServer.startNonLogical();
            context.getStore(ExtensionContext.Namespace.create(PostgresExtension.class, context.getUniqueId()))
                    .put("server", this);
        }
    }

    private static synchronized PostgresServer sharedServer() {
        if (sharedServer == null) {
            PostgresServer started = PostgresServer.startLogical();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-postgres-stop"));
            sharedServer = started;
        }
        return sharedServer;
    }

    public PostgresServer server() {
        if (server == null) {
            throw new IllegalStateException("PostgresExtension must be registered as a static @RegisterExtension field");
        }
        return server;
    }

    public String createDatabase(String prefix) {
        return server().createDatabase(prefix);
    }

    public String jdbcUrl(String database) {
        return server().jdbcUrl(database);
    }

    public void execute(String database, String... sql) {
        server().execute(database, sql);
    }

    @Override
    public void close() {
        if (!shared && server != null) {
            server.close();
        }
    }
}
