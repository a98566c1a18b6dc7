package io.sgstream.capture;

import io.sgstream.event.StreamId;

import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of a capture's progress, for the application's health and SGStream status, and the local runner's live
 * view. Numbers are since this capture started, except the positions.
 *
 * @param epoch                 the stream incarnation, null until the first record
 * @param snapshotRows          rows read by the initial snapshot, per {@code schema.table}
 * @param eventsCaptured        change events emitted (snapshot rows included)
 * @param transactions          transactions closed (the snapshot counts as one)
 * @param acknowledgedTxSeq     the last transaction all of whose events the sink acknowledged (and which was handed
 *                              to Debezium to commit), -1 before the first
 * @param inFlight              events (or parts) sent and not yet acknowledged
 * @param lagMillis             commit-to-acknowledgement delay of the last acknowledged transaction, -1 if unknown
 * @param lagBytes              WAL bytes between the server's current position and the slot's confirmed position,
 *                              -1 if unknown
 * @param failure               why the capture failed, null otherwise
 */
public record CaptureStatus(StreamId stream, CaptureState state, String epoch, boolean snapshotCompleted,
                            Map<String, Long> snapshotRows, long eventsCaptured, long transactions,
                            long acknowledgedTxSeq, int inFlight, long lagMillis, long lagBytes, String failure,
                            Instant at) {

    public CaptureStatus {
        snapshotRows = Map.copyOf(snapshotRows);
    }
}
