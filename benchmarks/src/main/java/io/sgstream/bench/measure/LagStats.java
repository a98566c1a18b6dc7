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
