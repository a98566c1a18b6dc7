package io.sgstream.apply.staging;

import io.sgstream.event.Op;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;

/**
 * A delivered event that passed validation, with the position columns it is staged under.
 *
 * @param id        the CloudEvent id ({@code <whole id>#<i>} for a part)
 * @param seq       ordinal in its transaction; a transaction end uses its event count + 1
 * @param partIndex 0 for a whole event, 1..partCount for a part of a split one
 * @param txEvents  for a transaction end, the number of events the transaction holds
 * @param data      the CloudEvent data as delivered (a slice of it for a part)
 * @param decoded   the decoded event; null for a part (decoded once all parts are joined)
 */
public record IncomingEvent(StreamId stream, String id, String epoch, long txSeq, long seq, EventKind kind,
                            int partIndex, int partCount, Long txEvents, String type, byte[] data,
                            StreamEvent decoded) {

    /** A snapshot row that can be written on arrival (whole, op r in transaction 0). */
    public boolean snapshotRow() {
        return txSeq == 0 && decoded instanceof RowChange c && c.op() == Op.READ;
    }

    public RowChange change() {
        return (RowChange) decoded;
    }

    public boolean part() {
        return partIndex > 0;
    }
}
