package io.sgstream.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Closes transaction {@code txSeq}: it holds {@code eventCount} events with seq 1..eventCount. Transaction 0 is
 * the snapshot.
 *
 * @param tables events per {@code schema.table}, informational
 */
public record TransactionEnd(StreamId stream, String epoch, long txSeq, long eventCount, String lsn, Long txId,
                             Instant commitTime, Map<String, Long> tables) implements StreamEvent {

    public TransactionEnd {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(epoch, "epoch");
        if (txSeq < 0 || eventCount < 0) {
            throw new MalformedEventException("transaction end with txseq " + txSeq + " and " + eventCount + " events");
        }
        tables = tables == null ? Map.of() : Map.copyOf(tables);
    }

    @Override
    public Position position() {
        return new Position(txSeq, eventCount + 1);
    }

    @Override
    public String id() {
        return StreamEvent.id(epoch, txSeq, "end");
    }

    @Override
    public String type() {
        return EventTypes.TRANSACTION;
    }

    public boolean snapshot() {
        return txSeq == 0;
    }
}
