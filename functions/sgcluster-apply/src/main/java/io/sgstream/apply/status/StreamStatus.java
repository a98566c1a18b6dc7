package io.sgstream.apply.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Where one stream stands on the target.
 *
 * @param stream            {@code namespace/name}
 * @param appliedTxSeq      last source transaction applied (-1: the snapshot is not complete yet)
 * @param lastCommitTime    source commit time of that transaction
 * @param lag               now minus {@code lastCommitTime} (null before anything was applied)
 * @param pendingEvents     events (or parts) staged and not yet applied: waiting for missing events of their
 *                          transaction, for an earlier transaction, or for a failure to be resolved
 * @param failure           why the stream is stopped, or null
 * @param missedRows        updates/deletes whose row was absent on the target (this process)
 * @param appliedRows       changes applied by this process per {@code schema.table} and op code (c, u, d, r, t)
 */
public record StreamStatus(String stream, String epoch, long appliedTxSeq, boolean snapshotCompleted,
                           boolean completed, Instant lastCommitTime, Instant appliedAt, Duration lag,
                           long pendingEvents, String failure, Instant failedAt, long missedRows,
                           Map<String, Map<String, Long>> appliedRows) {
}
