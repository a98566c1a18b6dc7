package io.sgstream.capture.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The last transaction a stream closed: its epoch and txseq. Stored inside the committed Debezium offset under
 * {@link #EPOCH_KEY} and {@link #TXSEQ_KEY}, so it is written in the same store write as the LSN it belongs to and a
 * replay after a crash numbers the same transactions the same way.
 */
public record StreamPosition(String epoch, long txSeq) {

    public static final String EPOCH_KEY = "sgstream.epoch";
    public static final String TXSEQ_KEY = "sgstream.txseq";

    public StreamPosition {
        Objects.requireNonNull(epoch, "epoch");
        if (txSeq < 0) {
            throw new IllegalArgumentException("negative txseq " + txSeq);
        }
    }

    /** The position stored in a committed offset, if the offset was written by this capture. */
    public static Optional<StreamPosition> fromOffset(Map<String, ?> offset) {
        if (offset == null) {
            return Optional.empty();
        }
        Object epoch = offset.get(EPOCH_KEY);
        Object txSeq = offset.get(TXSEQ_KEY);
        if (epoch == null || !(txSeq instanceof Number n)) {
            return Optional.empty();
        }
        return Optional.of(new StreamPosition(epoch.toString(), n.longValue()));
    }

    /** A copy of {@code offset} that also carries this position. */
    public Map<String, Object> addTo(Map<String, ?> offset) {
        Map<String, Object> extended = new HashMap<>(offset);
        extended.put(EPOCH_KEY, epoch);
        extended.put(TXSEQ_KEY, txSeq);
        return extended;
    }

    public StreamPosition next() {
        return new StreamPosition(epoch, txSeq + 1);
    }

    @Override
    public String toString() {
        return epoch + "/" + txSeq;
    }
}
