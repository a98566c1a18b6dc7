package io.sgstream.apply.engine;

import io.sgstream.apply.staging.EventKind;
import io.sgstream.apply.staging.StagedEventDecoder;
import io.sgstream.apply.staging.StagingSchema;
import io.sgstream.event.StreamId;
import io.sgstream.event.TransactionEnd;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the source transactions that can be applied next: starting right after the mark, each transaction whose
 * end is staged and whose staged events (parts joined; snapshot rows written on arrival included) number what
 * its end announces, without gaps, up to the batch limits.
 */
final class TransactionPlanner {

    /** A complete transaction; its end's data is decoded only if its commit time is asked for. */
    record PlannedTransaction(long txSeq, long events, StreamId stream, String epoch, String type, byte[] endData) {
        Instant commitTime() {
            TransactionEnd end = (TransactionEnd) StagedEventDecoder.decode(stream, epoch, txSeq, events + 1,
                    EventKind.END, type, endData);
            return end.commitTime();
        }
    }

    /** @param truncated more complete transactions may follow (a limit stopped the plan) */
    record Plan(List<PlannedTransaction> transactions, boolean truncated) {
        boolean isEmpty() {
            return transactions.isEmpty();
        }

        long first() {
            return transactions.get(0).txSeq();
        }

        long last() {
            return transactions.get(transactions.size() - 1).txSeq();
        }

        /** The commit time of the last planned transaction that has one (decoded from the end backwards). */
        Instant lastCommitTime() {
            for (int i = transactions.size() - 1; i >= 0; i--) {
                Instant time = transactions.get(i).commitTime();
                if (time != null) {
                    return time;
                }
            }
            return null;
        }
    }

    private final String endsSql;
    private final String countsSql;

    TransactionPlanner(StagingSchema schema) {
        endsSql = "SELECT txseq, tx_events, type, data FROM " + schema.staged()
                + " WHERE stream = ? AND epoch = ? AND kind = 'e' AND txseq > ? ORDER BY txseq LIMIT ?";
        // A logical event is complete when staged whole, or when all its parts are (each part id is unique).
        countsSql = "SELECT txseq, count(*) FROM (SELECT txseq, seq FROM " + schema.staged()
                + " WHERE stream = ? AND epoch = ? AND kind <> 'e' AND txseq BETWEEN ? AND ?"
                + " GROUP BY txseq, seq HAVING bool_or(part_index = 0) OR count(*) = max(part_count)) e GROUP BY txseq";
    }

    Plan plan(Connection c, StreamId stream, String epoch, long applied, int maxTransactions, long maxEvents)
            throws SQLException {
        List<PlannedTransaction> ends = contiguousEnds(c, stream, epoch, applied, maxTransactions);
        if (ends.isEmpty()) {
            return new Plan(List.of(), false);
        }
        Map<Long, Long> staged = stagedCounts(c, stream, epoch, ends.get(0).txSeq(), ends.get(ends.size() - 1).txSeq());
        List<PlannedTransaction> plan = new ArrayList<>();
        long events = 0;
        for (PlannedTransaction t : ends) {
            if (staged.getOrDefault(t.txSeq(), 0L) != t.events()) {
                return new Plan(plan, false);
            }
            if (!plan.isEmpty() && events + t.events() > maxEvents) {
                return new Plan(plan, true);
            }
            plan.add(t);
            events += t.events();
        }
        return new Plan(plan, ends.size() == maxTransactions);
    }

    private List<PlannedTransaction> contiguousEnds(Connection c, StreamId stream, String epoch, long applied,
                                                    int limit) throws SQLException {
        List<PlannedTransaction> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(endsSql)) {
            ps.setString(1, stream.toString());
            ps.setString(2, epoch);
            ps.setLong(3, applied);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                long expected = applied + 1;
                while (rs.next() && rs.getLong(1) == expected) {
                    // Up to maxTransactions ends are read per plan and most are read again by the next plans:
                    // decoding them all was wasted work, only the last one's commit time is needed.
                    out.add(new PlannedTransaction(expected, rs.getLong(2), stream, epoch, rs.getString(3), rs.getBytes(4)));
                    expected++;
                }
            }
        }
        return out;
    }

    private Map<Long, Long> stagedCounts(Connection c, StreamId stream, String epoch, long from, long to)
            throws SQLException {
        Map<Long, Long> counts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(countsSql)) {
            ps.setString(1, stream.toString());
            ps.setString(2, epoch);
            ps.setLong(3, from);
            ps.setLong(4, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }
}
