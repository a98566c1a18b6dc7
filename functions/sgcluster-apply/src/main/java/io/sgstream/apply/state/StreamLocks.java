package io.sgstream.apply.state;

import io.sgstream.event.StreamId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Transaction-scoped advisory locks on the target, so that every replica of the function agrees without any
 * coordination service. Keys live in their own class id ({@code 'sgst'}) so they cannot collide with
 * application locks; two streams hashing alike merely serialize.
 *
 * <ul>
 * <li>stream lock, exclusive: the apply of a stream (one applier at a time, whichever replica);</li>
 * <li>stream lock, shared: writing snapshot rows on arrival, which may run in parallel but never while the
 *     applier decides the snapshot is complete;</li>
 * <li>DDL lock: creating tables and columns, and the staging schema.</li>
 * <li>counter fold lock (tried, never waited for): one status read at a time folds the pending counter.</li>
 * </ul>
 * Order, to stay deadlock-free: stream locks (sorted by stream) before the DDL lock.
 */
public final class StreamLocks {

    private static final int CLASS_ID = 0x73677374; // 'sgst'
    private static final int DDL_KEY = 0x64646c00;  // 'ddl\0'
    private static final int FOLD_KEY = 0x666f6c64; // 'fold'

    private StreamLocks() {
    }

    public static void lockExclusive(Connection c, StreamId stream) throws SQLException {
        lock(c, "SELECT pg_advisory_xact_lock(?, hashtext(?))", stream);
    }

    public static void lockShared(Connection c, StreamId stream) throws SQLException {
        lock(c, "SELECT pg_advisory_xact_lock_shared(?, hashtext(?))", stream);
    }

    public static void lockDdl(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + CLASS_ID + ", " + DDL_KEY + ")");
        }
    }

    /** @return whether this transaction now holds the counter fold lock (false: another one folds) */
    public static boolean tryLockFold(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_try_advisory_xact_lock(" + CLASS_ID + ", " + FOLD_KEY + ")")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static void lock(Connection c, String sql, StreamId stream) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, CLASS_ID);
            ps.setString(2, stream.toString());
            ps.execute();
        }
    }
}
