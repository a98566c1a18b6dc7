package io.sgstream.apply.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A small bounded pool of target connections (autocommit off). Small on purpose: the apply of one stream is
 * serial and staging commits many requests per transaction, so a handful of connections carries the load; no
 * per-event connect. A connection idle for a while is validated before reuse, and one that saw a connection-level
 * failure is closed instead of returned ({@link Lease#broken()}).
 */
public final class ConnectionPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);
    private static final long VALIDATE_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String url;
    private final Properties properties;
    private final Semaphore permits;
    private final Deque<Idle> idle = new ConcurrentLinkedDeque<>();
    private final Duration acquireTimeout;
    private final SessionSetup sessionSetup;
    private volatile boolean closed;

    /** Statements run once on every new connection, in autocommit, before it is handed out. */
    @FunctionalInterface
    public interface SessionSetup {
        void prepare(Connection connection) throws SQLException;
    }

    public ConnectionPool(String url, String user, String password, int size, Duration acquireTimeout,
                          SessionSetup sessionSetup) {
        this.url = url;
        this.properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        // Seen in pg_stat_activity; also lets operators tell the apply's sessions apart.
        properties.setProperty("ApplicationName", "sgstream-apply");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        this.permits = new Semaphore(size, true);
        this.acquireTimeout = acquireTimeout;
        this.sessionSetup = sessionSetup;
    }

    /**
     * Borrows a connection, opening one if none is idle.
     *
     * @throws SQLTransientConnectionException when the target cannot be reached or the pool stays exhausted
     */
    public Lease acquire() throws SQLException {
        if (closed) {
            throw new SQLTransientConnectionException("connection pool is closed", "08003");
        }
        try {
            if (!permits.tryAcquire(acquireTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SQLTransientConnectionException("no target connection free within " + acquireTimeout, "08001");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for a target connection", "08001", e);
        }
        try {
            return new Lease(this, reuseOrOpen());
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private Connection reuseOrOpen() throws SQLException {
        Idle candidate;
        while ((candidate = idle.pollFirst()) != null) {
            if (System.nanoTime() - candidate.since < VALIDATE_AFTER_IDLE_NANOS || candidate.connection.isValid(2)) {
                return candidate.connection;
            }
            closeQuietly(candidate.connection);
        }
        return open();
    }

    private Connection open() throws SQLException {
        Connection c;
        try {
            c = DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            // Whatever the reason (refused, not accepting connections, auth), the event is not at fault: retry.
            throw new SQLTransientConnectionException("cannot connect to the target " + url + ": " + e.getMessage(),
                    "08001", e);
        }
        try {
            c.setAutoCommit(true);
            if (sessionSetup != null) {
                sessionSetup.prepare(c);
            }
            c.setAutoCommit(false);
            return c;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    void giveBack(Connection c, boolean broken) {
        try {
            if (broken || closed || c.isClosed()) {
                closeQuietly(c);
                return;
            }
            c.rollback(); // no-op unless a caller forgot to end its transaction
            idle.offerFirst(new Idle(c, System.nanoTime()));
        } catch (SQLException e) {
            closeQuietly(c);
        } finally {
            permits.release();
        }
    }

    /** Runs a statement in autocommit on a fresh lease; used for one-off work such as schema creation. */
    public void execute(String sql) throws SQLException {
        try (Lease lease = acquire(); Statement s = lease.connection().createStatement()) {
            try {
                s.execute(sql);
                lease.connection().commit();
            } catch (SQLException e) {
                lease.failed(e);
                throw e;
            }
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing a target connection failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        Idle i;
        while ((i = idle.pollFirst()) != null) {
            closeQuietly(i.connection);
        }
    }

    private record Idle(Connection connection, long since) {
    }

    /** A borrowed connection; close it to give it back. */
    public static final class Lease implements AutoCloseable {
        private final ConnectionPool pool;
        private final Connection connection;
        private boolean broken;
        private boolean returned;

        private Lease(ConnectionPool pool, Connection connection) {
            this.pool = pool;
            this.connection = connection;
        }

        public Connection connection() {
            return connection;
        }

        /** Closes the connection on return instead of reusing it (its session state is unknown or gone). */
        public void broken() {
            broken = true;
        }

        /** Rolls back after a failure and drops the connection if the failure concerned the connection itself. */
        public void failed(Throwable failure) {
            if (SqlFailures.isConnectionLoss(failure)) {
                broken = true;
                return;
            }
            try {
                connection.rollback();
            } catch (SQLException e) {
                broken = true;
            }
        }

        @Override
        public void close() {
            if (!returned) {
                returned = true;
                pool.giveBack(connection, broken);
            }
        }
    }
}
