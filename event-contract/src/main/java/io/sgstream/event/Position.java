package io.sgstream.event;

/**
 * Where an event stands in its stream: transaction {@code txSeq} (0 = snapshot, then gapless in source commit
 * order) and ordinal {@code seq} (from 1) inside it. Only comparable within one epoch.
 */
public record Position(long txSeq, long seq) implements Comparable<Position> {

    public Position {
        if (txSeq < 0 || seq < 0) {
            throw new IllegalArgumentException("negative position " + txSeq + "/" + seq);
        }
    }

    public boolean isSnapshot() {
        return txSeq == 0;
    }

    @Override
    public int compareTo(Position o) {
        int c = Long.compare(txSeq, o.txSeq);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }

    @Override
    public String toString() {
        return txSeq + "/" + seq;
    }
}
