package io.sgstream.apply.state;

import io.sgstream.event.StreamId;

import java.time.Instant;

/**
 * The applied high-water mark of one stream on the target, as stored in {@code apply_state}.
 *
 * @param appliedTxSeq   the last source transaction applied; -1 while the snapshot (transaction 0) is incomplete
 * @param lastCommitTime source commit time of that transaction (the lag is measured from it)
 * @param failure        why the stream is stopped, or null
 */
public record StreamState(StreamId stream, String epoch, long appliedTxSeq, Instant lastCommitTime, Instant appliedAt,
                          boolean completed, String failure, Instant failedAt) {

    public static final long NOTHING_APPLIED = -1;

    public boolean snapshotComplete() {
        return appliedTxSeq >= 0;
    }

    /** True if an event at this position can never be applied again: older epoch, or at or below the mark. */
    public boolean isPast(String eventEpoch, long txSeq) {
        int c = eventEpoch.compareTo(epoch);
        return c < 0 || (c == 0 && txSeq <= appliedTxSeq);
    }

    /** True if a snapshot row of this epoch may be written on arrival now. */
    public boolean acceptsSnapshotRows(String eventEpoch) {
        return epoch.equals(eventEpoch) && appliedTxSeq == NOTHING_APPLIED && failure == null;
    }
}
