package io.sgstream.bench.systems;

import io.sgstream.bench.data.BenchSchema;
import io.sgstream.bench.measure.ProcessStats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's own logical replication: a publication on the source, a subscription on the target (initial copy
 * by table sync workers, then one apply worker), default settings. Its "own processes" are the source's walsender
 * and the target's apply worker; table sync workers are gone by the time they could be sampled, so their CPU shows
 * only in the servers' totals.
 */
public final class NativeSystem implements ReplicationSystem {

    @Override
    public String name() {
        return "native";
    }

    @Override
    public String description() {
        return "PostgreSQL logical replication: CREATE PUBLICATION / CREATE SUBSCRIPTION (defaults)";
    }

    @Override
    public Running start(Server source, String sourceDb, Server target, String targetDb, String phase) throws Exception {
        source.execute(sourceDb, "CREATE PUBLICATION bench_pub FOR TABLE " + String.join(", ", BenchSchema.TABLES));
        String conninfo = "host=" + source.host() + " port=" + source.port() + " dbname=" + sourceDb + " user=" + source.user()
                + " password=" + source.password();
        target.execute(targetDb, "CREATE SUBSCRIPTION bench_sub_" + targetDb + " CONNECTION '" + conninfo.replace("'", "''")
                + "' PUBLICATION bench_pub");
        return new NativeRunning(source, sourceDb, target, targetDb);
    }

    private static final class NativeRunning implements Running {
        private final Server source;
        private final String sourceDb;
        private final Server target;
        private final String targetDb;

        NativeRunning(Server source, String sourceDb, Server target, String targetDb) {
            this.source = source;
            this.sourceDb = sourceDb;
            this.target = target;
            this.targetDb = targetDb;
        }

        private List<Long> pids() {
            List<Long> pids = new ArrayList<>();
            try (Connection c = source.connect(sourceDb); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_replication")) {
                while (rs.next()) {
                    pids.add(rs.getLong(1));
                }
            } catch (SQLException e) {
                // none
            }
            try (Connection c = target.connect(targetDb); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_subscription WHERE pid IS NOT NULL")) {
                while (rs.next()) {
                    pids.add(rs.getLong(1));
                }
            } catch (SQLException e) {
                // none
            }
            return pids;
        }

        @Override
        public double cpuSeconds() {
            return pids().stream().mapToDouble(p -> ProcessStats.cpuSeconds(p, false)).sum();
        }

        @Override
        public long peakRssBytes() {
            return pids().stream().mapToLong(ProcessStats::peakRssBytes).sum();
        }

        @Override
        public void resetPeak() {
            for (long pid : pids()) {
                try {
                    Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
                } catch (Exception e) {
                    // not allowed: whole-life peak
                }
            }
        }

        @Override
        public String failure() {
            return null;
        }

        @Override
        public void close() throws Exception {
            target.execute(targetDb, "DROP SUBSCRIPTION IF EXISTS bench_sub_" + targetDb);
        }
    }
}
