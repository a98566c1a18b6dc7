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
    /**
     * A request to the capture service to place a signal into its stream (sent by the signals function when an
     * SGStream annotation {@code debezium-signal.stackgres.io/<signal>} gets a new value).
     */
    public static final String SIGNAL_REQUEST = PREFIX + "control.signal";

    private EventTypes() {
    }

    public static String signal(String name) {
        return SIGNAL_PREFIX + name;
    }
}
