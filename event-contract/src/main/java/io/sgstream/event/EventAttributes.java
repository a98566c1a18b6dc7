package io.sgstream.event;

/** Extension attribute names (lowercase letters and digits only, as Knative Trigger filters require). */
public final class EventAttributes {

    public static final String OP = "op";
    public static final String SCHEMA = "schema";
    public static final String TABLE = "table";
    public static final String STREAM = "stream";
    public static final String EPOCH = "epoch";
    public static final String TXSEQ = "txseq";
    public static final String SEQ = "seq";
    public static final String LSN = "lsn";
    public static final String TXID = "txid";
    public static final String SNAPSHOT = "snapshot";
    public static final String PARTITION_KEY = "partitionkey";
    public static final String PART_OF = "partof";
    public static final String PART_INDEX = "partindex";
    public static final String PART_COUNT = "partcount";

    private EventAttributes() {
    }
}
