package io.sgstream.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A source workload that writes transaction after transaction on one connection, in a thread of its own, while a test
 * kills and restarts what captures it. A failure of the workload is kept and fails {@link #stop()}, so a test never
 * passes on a workload that silently stopped writing.
 */
public abstract class BackgroundWriter {

    private final String threadName;
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;
    private volatile Throwable error;

    protected BackgroundWriter(String threadName) {
        this.threadName = threadName;
    }

    /** The connection to write on; autocommit is turned off. */
    protected abstract Connection connect() throws SQLException;

    /** Writes and commits one transaction (and may pause afterwards); called again until {@link #stop()}. */
    protected abstract void writeOne(Connection c, Statement s) throws Exception;

    public final void start() {
        running.set(true);
        thread = new Thread(this::run, threadName);
        thread.start();
    }

    private void run() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            while (running.get()) {
                writeOne(c, s);
            }
        } catch (Exception e) {
            error = e;
        }
    }

    /** Stops writing after the current transaction; fails if writing failed. */
    public final void stop() throws InterruptedException {
        running.set(false);
        if (thread != null) {
            thread.join(10_000);
        }
        if (error != null) {
            throw new AssertionError("writer error: " + error, error);
        }
    }
}
