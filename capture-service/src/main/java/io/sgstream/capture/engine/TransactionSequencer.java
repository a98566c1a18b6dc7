package io.sgstream.capture.engine;

import io.sgstream.event.Position;
import io.sgstream.event.RowChange;
import io.sgstream.event.SignalEvent;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.event.TransactionEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Numbers what Debezium emits into the contract's positions, in record order (one thread):
 *
 * <ul>
 * <li>the initial snapshot is transaction 0 of a new epoch, closed after its last row (Debezium marks it
 *     {@code snapshot=last}); when there was nothing to snapshot, an empty transaction 0 is closed at the first
 *     record that follows (the heartbeat Debezium sends after every snapshot, or the first streamed change);</li>
 * <li>each source transaction with at least one captured change gets the next txseq when its first change arrives,
 *     its changes get seq 1, 2, ... and its END closes it with a {@link TransactionEnd}; transactions without a
 *     captured change get no number;</li>
 * <li>every point where a transaction is complete and none is open (a transaction's END, a heartbeat between
 *     transactions, the last snapshot row) is reported as a {@linkplain Output#boundary boundary}: the only places
 *     an offset may be committed, never inside a transaction;</li>
 * <li>a signal ({@link SignalPlacer}) arrives as a logical decoding message in a source transaction of its own and
 *     becomes that transaction's only event.</li>
 * </ul>
 *
 * Numbering depends only on the records, never on timing or batching, so a replay from a committed boundary gives
 * every event the same position and id.
 */
public final class TransactionSequencer {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionSequencer.class);

    /** Where numbered events and commit points go. */
    public interface Output {
        void event(StreamEvent event);

        /**
         * Everything emitted so far forms complete transactions up to {@code position}: the record behind
         * {@code commitToken} may be committed once all of it is acknowledged.
         */
        void boundary(Object commitToken, StreamPosition position);

        /** A signal placed by request {@code requestId} was numbered as {@code event}. */
        default void signal(String requestId, SignalEvent event) {
        }
    }

    private final StreamId stream;
    private final RowChangeFactory rows;
    private final Output output;
    private final Clock clock;
    /** The epoch of the committed offset, if any: a new epoch must sort after it. */
    private String previousEpoch;
    /** The epoch this run's first new snapshot takes, reserved durably before the engine started; null once used. */
    private String reservedEpoch;
    /** The last closed transaction of the current epoch; null until the stream has one. */
    private StreamPosition position;
    private OpenTransaction open;
    /** Set once this run saw a streamed record: later snapshot-flagged rows are ad hoc, not a new start. */
    private boolean streaming;
    /** The commit LSN of the last source transaction seen (numbered or not), to notice a replay. */
    private Long lastCommitLsn;

    /**
     * @param committedCommitLsn {@code lsn_commit} of the committed offset, where the source resumes; may be null
     * @param reservedEpoch      the epoch a new snapshot of this run takes (greater than any used before, committed
     *                           or not, see {@code CommittedOffsets.reserveEpoch}); null: one made from the clock
     */
    TransactionSequencer(StreamId stream, RowChangeFactory rows, StreamPosition committed, Long committedCommitLsn,
                         String reservedEpoch, Output output, Clock clock) {
        this.stream = stream;
        this.rows = rows;
        this.output = output;
        this.clock = clock;
        this.position = committed;
        this.previousEpoch = committed == null ? null : committed.epoch();
        this.reservedEpoch = reservedEpoch;
        this.lastCommitLsn = committedCommitLsn;
    }

    /** The last closed transaction, null before the first. */
    public StreamPosition position() {
        return position;
    }

    public void accept(ChangeRecord r, Object commitToken) {
        switch (r.kind()) {
            case ROW -> {
                if (r.isInitialSnapshotRow() && !streaming) {
                    snapshotRow(r, commitToken);
                } else {
                    streamedRow(r, commitToken);
                }
            }
            case BEGIN -> {
                startStreaming();
                if (open != null) {
                    LOG.warn("Transaction BEGIN while transaction {} is still open; closing it without a commit point",
                            open.txId);
                    closeTransaction(null, null);
                }
                open = new OpenTransaction(false);
            }
            case END -> {
                startStreaming();
                if (open == null) {
                    output.boundary(commitToken, position);
                } else {
                    closeTransaction(r, commitToken);
                }
                trackCommit(r);
            }
            case MESSAGE -> {
                startStreaming();
                if (open != null && SignalPlacer.PREFIX.equals(r.messagePrefix())) {
                    signal(r);
                } else if (open == null) {
                    output.boundary(commitToken, position);
                    trackCommit(r);
                }
            }
            case HEARTBEAT -> {
                startStreaming();
                if (open == null) {
                    output.boundary(commitToken, position);
                    trackCommit(r);
                }
            }
            case TOMBSTONE -> {
                // tombstones.on.delete is off; a stray one carries nothing the contract needs
            }
        }
    }

    private void snapshotRow(ChangeRecord r, Object commitToken) {
        if (open == null || !open.snapshot) {
            startSnapshot(r);
        }
        emitRow(r);
        if (r.isLastSnapshotRow()) {
            closeSnapshot(commitToken);
        }
    }

    private void streamedRow(ChangeRecord r, Object commitToken) {
        startStreaming();
        if (open == null) {
            // a change outside BEGIN/END (e.g. an incremental snapshot row) is a transaction of its own
            open = new OpenTransaction(false);
            emitRow(r);
            closeTransaction(r, commitToken);
        } else {
            emitRow(r);
        }
    }

    private void startSnapshot(ChangeRecord first) {
        if (position != null) {
            LOG.info("Stream {} takes a new snapshot: starting a new epoch after {}", stream, position.epoch());
            previousEpoch = position.epoch();
        }
        String epoch = newEpoch();
        position = null;
        open = new OpenTransaction(true);
        open.epoch = epoch;
        open.txSeq = 0L;
        open.commitTime = first.sourceTime();
    }

    /** Ends the snapshot phase: closes an open snapshot, or records an empty one for a stream that has none. */
    private void startStreaming() {
        if (open != null && open.snapshot) {
            closeSnapshot(null);
        }
        if (position == null) {
            String epoch = newEpoch();
            position = new StreamPosition(epoch, 0);
            output.event(new TransactionEnd(stream, epoch, 0, 0, null, null, clock.instant(), Map.of()));
        }
        streaming = true;
    }

    /** The reserved epoch if still unused, else one greater than the last. */
    private String newEpoch() {
        String epoch = reservedEpoch != null ? reservedEpoch : Epochs.next(previousEpoch, clock);
        reservedEpoch = null;
        previousEpoch = epoch;
        return epoch;
    }

    private void closeSnapshot(Object commitToken) {
        OpenTransaction snapshot = open;
        open = null;
        position = new StreamPosition(snapshot.epoch, 0);
        output.event(new TransactionEnd(stream, snapshot.epoch, 0, snapshot.events, null, null, snapshot.commitTime,
                snapshot.tables));
        if (commitToken != null) {
            output.boundary(commitToken, position);
        }
    }

    private void emitRow(ChangeRecord r) {
        OpenTransaction tx = nextEvent(r);
        RowChange change = rows.create(r, tx.epoch, new Position(tx.txSeq, tx.events), tx.commitTime,
                tx.snapshot ? null : tx.txId);
        tx.tables.merge(change.qualifiedTable(), 1L, Long::sum);
        output.event(change);
    }

    /** A signal of this stream, placed by {@link SignalPlacer}; signals of other streams sharing the database pass. */
    private void signal(ChangeRecord r) {
        SignalPlacer.Placed placed = SignalPlacer.Placed.parse(r.messageContent());
        if (!stream.toString().equals(placed.stream())) {
            return;
        }
        OpenTransaction tx = nextEvent(r);
        SignalEvent event = new SignalEvent(stream, tx.epoch, new Position(tx.txSeq, tx.events), placed.signal(),
                placed.data());
        output.event(event);
        output.signal(placed.requestId(), event);
    }

    /** Counts one more event in the open transaction, numbering the transaction at its first event. */
    private OpenTransaction nextEvent(ChangeRecord r) {
        OpenTransaction tx = open;
        if (tx.txSeq == null) {
            checkContinuity(r);
            tx.epoch = position.epoch();
            tx.txSeq = position.txSeq() + 1;
            tx.txId = r.txId();
            tx.commitTime = r.sourceTime();
        }
        tx.events++;
        return tx;
    }

    private void trackCommit(ChangeRecord r) {
        Long commit = r.offsetCommitLsn();
        if (commit != null) {
            lastCommitLsn = commit;
        }
    }

    /**
     * A transaction must not follow an earlier commit than the last one this sequencer saw. If the source went back
     * (a connector restarted inside the engine resumes from the committed offset while this sequencer counted
     * further), numbering on would give replayed changes new ids: stop instead, so a fresh run resumes from the
     * committed position. Going forward is fine: commits without a record (e.g. filtered messages) only skip.
     */
    private void checkContinuity(ChangeRecord r) {
        Long previous = r.previousCommitLsn();
        if (previous != null && lastCommitLsn != null && Long.compareUnsigned(previous, lastCommitLsn) < 0) {
            throw new StreamDiscontinuityException("stream " + stream + ": the source delivered a transaction following "
                    + "commit " + ChangeRecord.lsnText(previous) + " while the capture had reached commit "
                    + ChangeRecord.lsnText(lastCommitLsn) + "; stopping so a restart resumes from the committed offset");
        }
    }

    /** The source's position jumped (see {@link #checkContinuity}). */
    public static final class StreamDiscontinuityException extends IllegalStateException {
        StreamDiscontinuityException(String message) {
            super(message);
        }
    }

    private void closeTransaction(ChangeRecord end, Object commitToken) {
        OpenTransaction tx = open;
        open = null;
        if (tx.txSeq != null) {
            position = new StreamPosition(tx.epoch, tx.txSeq);
            output.event(new TransactionEnd(stream, tx.epoch, tx.txSeq, tx.events,
                    end == null ? null : ChangeRecord.lsnText(end.offsetLsn()), tx.txId, tx.commitTime, tx.tables));
        }
        if (commitToken != null) {
            output.boundary(commitToken, position);
        }
    }

    /** A transaction being numbered; txSeq stays null until it has a captured change. */
    private static final class OpenTransaction {
        final boolean snapshot;
        String epoch;
        Long txSeq;
        Long txId;
        Instant commitTime;
        long events;
        final Map<String, Long> tables = new LinkedHashMap<>();

        OpenTransaction(boolean snapshot) {
            this.snapshot = snapshot;
        }
    }
}
