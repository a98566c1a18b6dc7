package io.sgstream.bench.measure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Commit-to-apply lag from the target's {@code bench_meta.lag_applied}: the source transaction's
 * {@code clock_timestamp()} just before COMMIT against the target trigger's {@code clock_timestamp()} when the
 * row arrived. Both servers run on this machine, so both read the same clock.
 */
public record LagStats(long samples, double p50Millis, double p99Millis, double maxMillis) {

    /** Median lag per 5 s of commit time: shows whether a system fell behind steadily or started late. */
    public static String timeline(Connection target) throws SQLException {
        String sql = "WITH l AS (SELECT committed_at, extract(epoch FROM applied_at - committed_at) * 1000 AS ms FROM bench_meta.lag_applied),"
                + " b AS (SELECT floor(extract(epoch FROM committed_at - (SELECT min(committed_at) FROM l)) / 5) * 5 AS s, ms FROM l)"
                + " SELECT s, count(*), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)) FROM b GROUP BY s ORDER BY s";
        StringBuilder out = new StringBuilder();
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.append(String.format("+%.0fs: %d tx, p50 %.0f ms; ", rs.getDouble(1), rs.getLong(2), rs.getDouble(3)));
            }
        }
        return out.toString();
    }

    public static LagStats read(Connection target) throws SQLException {
        String sql = "WITH l AS (SELECT extract(epoch FROM applied_at - committed_at) * 1000 AS ms FROM bench_meta.lag_applied)"
                + " SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY ms),"
                + " percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms) FROM l";
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new LagStats(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4));
        }
    }
}
