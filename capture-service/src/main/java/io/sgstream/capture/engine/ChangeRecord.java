package io.sgstream.capture.engine;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.time.Instant;
import java.util.Map;

/**
 * A read-only view of one Debezium PostgreSQL record: what kind it is (row change, transaction boundary, heartbeat,
 * logical decoding message) and the source fields the contract needs. Kinds are told by value schema names, which
 * do not depend on the topic naming the user may configure.
 */
public final class ChangeRecord {

    public enum Kind {
        /** A row change envelope with op c, u, d, r or t. */
        ROW,
        /** {@code provide.transaction.metadata}: status BEGIN. */
        BEGIN,
        /** {@code provide.transaction.metadata}: status END, at the source commit. */
        END,
        /** A logical decoding message (op m). */
        MESSAGE,
        /** Heartbeat (or any other record without data): only its offset matters. */
        HEARTBEAT,
        /** A delete's tombstone (null value). */
        TOMBSTONE
    }

    private final SourceRecord record;
    private final Kind kind;
    private final Struct value;
    private final Struct source;

    public ChangeRecord(SourceRecord record) {
        this.record = record;
        this.value = record.value() instanceof Struct s ? s : null;
        this.kind = classify(record, value);
        Field sourceField = value == null ? null : value.schema().field("source");
        this.source = sourceField == null ? null : value.getStruct("source");
    }

    private static Kind classify(SourceRecord record, Struct value) {
        if (record.value() == null) {
            return Kind.TOMBSTONE;
        }
        if (value == null) {
            return Kind.HEARTBEAT;
        }
        Schema schema = value.schema();
        String name = schema.name() == null ? "" : schema.name();
        if (name.endsWith("TransactionMetadataValue")) {
            return "BEGIN".equals(value.getString("status")) ? Kind.BEGIN : Kind.END;
        }
        if (schema.field("op") != null) {
            return "m".equals(value.getString("op")) ? Kind.MESSAGE : Kind.ROW;
        }
        return Kind.HEARTBEAT;
    }

    public SourceRecord record() {
        return record;
    }

    public Kind kind() {
        return kind;
    }

    public Struct value() {
        return value;
    }

    public String op() {
        return value.getString("op");
    }

    public String schema() {
        return source == null ? null : source.getString("schema");
    }

    public String table() {
        return source == null ? null : source.getString("table");
    }

    /**
     * Debezium's {@code source.snapshot}: {@code true}, {@code first}, {@code first_in_data_collection},
     * {@code last_in_data_collection}, {@code last} for initial snapshot rows, {@code incremental} for incremental
     * snapshot rows, {@code false} (or absent) for streamed changes.
     */
    public String snapshotMarker() {
        if (source == null || source.schema().field("snapshot") == null) {
            return null;
        }
        return source.getString("snapshot");
    }

    public boolean isInitialSnapshotRow() {
        String s = snapshotMarker();
        return kind == Kind.ROW && "r".equals(op()) && s != null && !"false".equals(s) && !"incremental".equals(s);
    }

    public boolean isLastSnapshotRow() {
        return "last".equals(snapshotMarker());
    }

    public Long txId() {
        return source == null ? null : source.getInt64("txId");
    }

    public Long lsn() {
        return source == null ? null : source.getInt64("lsn");
    }

    /** The source commit time (snapshot rows: when the row was read), microsecond precision where available. */
    public Instant sourceTime() {
        if (source == null) {
            return null;
        }
        if (source.schema().field("ts_us") != null && source.getInt64("ts_us") != null) {
            long us = source.getInt64("ts_us");
            return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
        }
        Long ms = source.getInt64("ts_ms");
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    /**
     * The commit LSN of the transaction the source had processed before this record ({@code source.sequence} is
     * {@code ["<last commit lsn>", "<lsn>"]}), null when unknown.
     */
    public Long previousCommitLsn() {
        if (source == null || source.schema().field("sequence") == null) {
            return null;
        }
        String sequence = source.getString("sequence");
        if (sequence == null || sequence.length() < 2) {
            return null;
        }
        int comma = sequence.indexOf(',');
        String first = sequence.substring(1, comma < 0 ? sequence.length() - 1 : comma).trim().replace("\"", "");
        return first.isEmpty() || first.equals("null") ? null : Long.valueOf(first);
    }

    /** The commit LSN in the record's offset ({@code lsn_commit}), null when absent. */
    public Long offsetCommitLsn() {
        Map<String, ?> offset = record.sourceOffset();
        Object lsn = offset == null ? null : offset.get("lsn_commit");
        return lsn instanceof Number n ? n.longValue() : null;
    }

    /** The LSN in the record's offset: for a transaction END, the position of its commit. */
    public Long offsetLsn() {
        Map<String, ?> offset = record.sourceOffset();
        Object lsn = offset == null ? null : offset.get("lsn_commit");
        if (lsn == null && offset != null) {
            lsn = offset.get("lsn");
        }
        return lsn instanceof Number n ? n.longValue() : null;
    }

    /** A logical decoding message's prefix, null for other records. */
    public String messagePrefix() {
        Struct message = kind == Kind.MESSAGE ? value.getStruct("message") : null;
        return message == null ? null : message.getString("prefix");
    }

    /** A logical decoding message's content as text (binary.handling.mode=hex makes it a hex string). */
    public String messageContent() {
        Object content = value.getStruct("message").get("content");
        byte[] bytes;
        if (content instanceof String hex) {
            bytes = java.util.HexFormat.of().parseHex(hex);
        } else if (content instanceof java.nio.ByteBuffer buffer) {
            bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
        } else {
            bytes = content == null ? new byte[0] : (byte[]) content;
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** PostgreSQL's notation of an LSN, {@code 0/16B3748}. */
    public static String lsnText(Long lsn) {
        if (lsn == null) {
            return null;
        }
        // written by hand: this runs for every change, and toHexString().toUpperCase() made four strings per call
        StringBuilder sb = new StringBuilder(17);
        hex(sb, lsn >>> 32);
        return hex(sb.append('/'), lsn & 0xFFFFFFFFL).toString();
    }

    /** Upper-case hex without leading zeros ("0" for zero), as {@code Long.toHexString(v).toUpperCase()}. */
    private static StringBuilder hex(StringBuilder sb, long value) {
        int shift = Math.max(0, (63 - Long.numberOfLeadingZeros(value)) / 4 * 4);
        for (; shift >= 0; shift -= 4) {
            sb.append(HEX_DIGITS[(int) (value >>> shift) & 0xF]);
        }
        return sb;
    }

    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();
}
