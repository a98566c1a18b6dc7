package io.sgstream.event;

/** Anything a stream emits: a row change, the end of a transaction, or a signal in stream order. */
public sealed interface StreamEvent permits RowChange, TransactionEnd, SignalEvent {

    StreamId stream();

    /** The stream incarnation; positions and ids compare only within one epoch. */
    String epoch();

    Position position();

    /** The CloudEvent id: unique and identical when the same change is emitted again after a crash. */
    String id();

    /** The CloudEvent type. */
    String type();

    static String id(String epoch, long txSeq, String suffix) {
        return epoch + "-" + txSeq + "-" + suffix;
    }
}
