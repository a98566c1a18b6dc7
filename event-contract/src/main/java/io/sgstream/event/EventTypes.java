package io.sgstream.event;

/** The CloudEvent {@code type} family of SGStream. */
public final class EventTypes {

    public static final String PREFIX = "io.sgstream.";
    /** One captured row change (insert, update, delete, snapshot read, truncate). */
    public static final String CHANGE = PREFIX + "change";
    /** The end of a source transaction (or of the snapshot, txseq 0), with its event count. */
    public static final String TRANSACTION = PREFIX + "transaction";
    /** Prefix of signals placed in stream order, e.g. {@code io.sgstream.signal.tombstone}. */
    public static final String SIGNAL_PREFIX = PREFIX + "signal.";

    private EventTypes() {
    }

    public static String signal(String name) {
        return SIGNAL_PREFIX + name;
    }
}
