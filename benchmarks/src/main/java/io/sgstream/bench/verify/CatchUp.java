package io.sgstream.bench.verify;

import io.sgstream.bench.data.BenchSchema;
import io.sgstream.bench.systems.ReplicationSystem;
import io.sgstream.bench.systems.Server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a system has caught up: the source's marker row was bumped after the workload (or after the start, for a
 * snapshot) and every system applies in source commit order, so once the target shows the new marker value
 * everything committed before it is there too; row counts must match as well (native table sync copies tables
 * concurrently with the apply worker, so the marker alone does not say the copy is done).
 */
public final class CatchUp {

    private CatchUp() {
    }

    /** Bumps the marker on the source; returns its new value. */
    public static long bumpMarker(Server source, String db) throws SQLException {
        try (Connection c = source.connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("UPDATE bench_marker SET v = v + 1 WHERE id = 1 RETURNING v")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static Map<String, Long> counts(Connection c) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (String table : BenchSchema.TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** Waits until the target has {@code marker} and the source's row counts; returns the nanoTime it was seen. */
    public static long await(Server source, String sourceDb, Server target, String targetDb, long marker, Duration timeout,
                             ReplicationSystem.Running running) throws Exception {
        Map<String, Long> sourceCounts;
        try (Connection c = source.connect(sourceDb)) {
            sourceCounts = counts(c);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection t = target.connect(targetDb); Statement s = t.createStatement()) {
            while (true) {
                long now = System.nanoTime();
                long applied;
                try (ResultSet rs = s.executeQuery("SELECT coalesce(max(v), -1) FROM bench_marker")) {
                    rs.next();
                    applied = rs.getLong(1);
                }
                if (applied >= marker && counts(t).equals(sourceCounts)) {
                    return now;
                }
                if (running.failure() != null) {
                    throw new IllegalStateException("the system failed: " + running.failure());
                }
                if (now > deadline) {
                    throw new IllegalStateException("not caught up within " + timeout + ": marker " + applied + " of " + marker
                            + ", target counts " + counts(t) + ", source " + sourceCounts);
                }
                Thread.sleep(100);
            }
        }
    }
}
