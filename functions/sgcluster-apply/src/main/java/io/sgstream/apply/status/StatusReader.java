package io.sgstream.apply.status;

import io.sgstream.apply.staging.StagingSchema;
import io.sgstream.apply.state.StreamLocks;
import io.sgstream.apply.state.StreamState;
import io.sgstream.apply.state.StreamStateStore;
import io.sgstream.event.StreamId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds {@link StreamStatus} from the state table, the pending counter and this process's counters. */
public final class StatusReader {

    /** Counter rows (one per staging statement and apply) above which a status read folds them. */
    static final long COMPACT_ABOVE_ROWS = 1_000;
    private final StagingSchema schema;
    private final StreamStateStore states;
    private final ApplyMetrics metrics;

    public StatusReader(StagingSchema schema, StreamStateStore states, ApplyMetrics metrics) {
        this.schema = schema;
        this.states = states;
        this.metrics = metrics;
    }

    public List<StreamStatus> read(Connection c) throws SQLException {
        Map<StreamId, Long> pending = pendingEvents(c);
        Map<StreamId, StreamState> byStream = new HashMap<>();
        for (StreamState s : states.readAll(c)) {
            byStream.put(s.stream(), s);
        }
        Set<StreamId> streams = new LinkedHashSet<>(byStream.keySet());
        streams.addAll(pending.keySet());
        List<StreamStatus> out = new ArrayList<>();
        for (StreamId stream : streams) {
            long waiting = pending.getOrDefault(stream, 0L);
            metrics.pending(stream, waiting);
            StreamState s = byStream.get(stream);
            if (s == null) { // events staged, nothing applied or decided yet
                out.add(new StreamStatus(stream.toString(), null, StreamState.NOTHING_APPLIED, false, false, null, null,
                        null, waiting, null, null, metrics.missedRows(stream), metrics.rows(stream)));
                continue;
            }
            metrics.position(s);
            Duration lag = s.lastCommitTime() == null ? null : Duration.between(s.lastCommitTime(), Instant.now());
            out.add(new StreamStatus(stream.toString(), s.epoch(), s.appliedTxSeq(), s.snapshotComplete(), s.completed(),
                    s.lastCommitTime(), s.appliedAt(), lag, waiting, s.failure(), s.failedAt(),
                    metrics.missedRows(stream), metrics.rows(stream)));
        }
        return out;
    }

    /**
     * Staged rows not applied yet, per stream: the sum of the counter's changes (see StagingSchema), not a count
     * of the staging table. When many changes have piled up they are folded into one row per stream, in the
     * caller's transaction by one reader at a time: the fold moves the sum atomically, so any snapshot still sums
     * to the exact count.
     */
    private Map<StreamId, Long> pendingEvents(Connection c) throws SQLException {
        Map<StreamId, Long> out = new HashMap<>();
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT stream, sum(delta), count(*) FROM "
                + schema.pendingCounts() + " GROUP BY stream");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getLong(2) != 0) { // as a count would: a stream with nothing pending has no entry
                    out.put(StreamStateStore.parse(rs.getString(1)), rs.getLong(2));
                }
                rows += rs.getLong(3);
            }
        }
        if (rows > COMPACT_ABOVE_ROWS && StreamLocks.tryLockFold(c)) { // concurrent folds could deadlock
            try (PreparedStatement ps = c.prepareStatement("WITH d AS (DELETE FROM " + schema.pendingCounts()
                    + " RETURNING stream, delta) INSERT INTO " + schema.pendingCounts()
                    + " SELECT stream, sum(delta) FROM d GROUP BY stream HAVING sum(delta) <> 0")) {
                ps.executeUpdate();
            }
        }
        return out;
    }

    /** Streams with anything staged (skip scan over the primary key: cheap however many rows are staged). */
    public List<StreamId> streamsWithStagedEvents(Connection c) throws SQLException {
        List<StreamId> out = new ArrayList<>();
        String table = schema.staged();
        try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE s(stream) AS ("
                + " (SELECT stream FROM " + table + " ORDER BY stream LIMIT 1)"
                + " UNION ALL SELECT (SELECT t.stream FROM " + table + " t WHERE t.stream > s.stream ORDER BY t.stream LIMIT 1)"
                + " FROM s WHERE s.stream IS NOT NULL) SELECT stream FROM s WHERE stream IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(StreamStateStore.parse(rs.getString(1)));
            }
        }
        return out;
    }
}
