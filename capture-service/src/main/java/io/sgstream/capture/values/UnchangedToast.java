package io.sgstream.capture.values;

/**
 * Marks a column whose TOASTed value PostgreSQL did not send because an UPDATE left it unchanged (REPLICA IDENTITY
 * DEFAULT). {@link PgTextConverter} puts {@link #VALUE} into the row instead of Debezium's placeholder text, and
 * {@link RowImages} recognises it by identity, so no real value, however it reads, can be mistaken for it.
 */
public final class UnchangedToast {

    /** A distinct String instance: the row structs hold Strings, identity tells it from any captured text. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    public static final String VALUE = new String("__sgstream_unchanged_toast__");

    /**
     * What Debezium writes for unchanged TOAST values outside our converter ({@code unavailable.value.placeholder});
     * recognisable in logs and in any value that bypassed the converter.
     */
    public static final String PLACEHOLDER = "__sgstream_unchanged_toast__";

    private UnchangedToast() {
    }

    public static boolean is(Object value) {
        return value == VALUE;
    }
}
