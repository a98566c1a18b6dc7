package io.sgstream.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One captured row change. {@code key}, {@code before} and {@code after} map column names to values encoded as
 * {@link PgValues} describes; unchanged TOASTed columns are absent from {@code after} and named in
 * {@code unchanged}.
 *
 * @param key       key column values (null for truncate)
 * @param before    the old row (null for c, r, t; key columns only unless the table has REPLICA IDENTITY FULL)
 * @param after     the new row (null for d, t)
 * @param lsn       the change's WAL position in PostgreSQL's notation ({@code 0/16B3748}), informational
 * @param txId      the source transaction id (xid), null for snapshot rows
 * @param commitTime when the source transaction committed (snapshot: when the snapshot started), may be null
 * @param identity  whether the key columns identify one row ({@link KeyIdentity#PRIMARY_KEY}, also for null) or are
 *                  the whole row of a table without primary key ({@link KeyIdentity#FULL})
 */
public record RowChange(StreamId stream, String epoch, Position position, Op op, String schema, String table,
                        List<Column> columns, ObjectNode key, ObjectNode before, ObjectNode after,
                        List<String> unchanged, String lsn, Long txId, Instant commitTime,
                        KeyIdentity identity) implements StreamEvent {

    /** A change whose key identifies one row ({@link KeyIdentity#PRIMARY_KEY}), as every change was before FULL. */
    public RowChange(StreamId stream, String epoch, Position position, Op op, String schema, String table,
                     List<Column> columns, ObjectNode key, ObjectNode before, ObjectNode after,
                     List<String> unchanged, String lsn, Long txId, Instant commitTime) {
        this(stream, epoch, position, op, schema, table, columns, key, before, after, unchanged, lsn, txId, commitTime,
                KeyIdentity.PRIMARY_KEY);
    }

    public RowChange {
        identity = identity == null ? KeyIdentity.PRIMARY_KEY : identity;
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        unchanged = unchanged == null ? List.of() : List.copyOf(unchanged);
        if (position.seq() < 1) {
            throw new MalformedEventException("a change has seq >= 1, was " + position);
        }
        if (op != Op.TRUNCATE && key == null) {
            throw new MalformedEventException(op + " on " + schema + "." + table + " without a key");
        }
        if ((op == Op.CREATE || op == Op.READ || op == Op.UPDATE) && after == null) {
            throw new MalformedEventException(op + " on " + schema + "." + table + " without 'after'");
        }
    }

    @Override
    public String id() {
        return StreamEvent.id(epoch, position.txSeq(), Long.toString(position.seq()));
    }

    @Override
    public String type() {
        return EventTypes.CHANGE;
    }

    /** The same change with another key identity. */
    public RowChange withIdentity(KeyIdentity identity) {
        return new RowChange(stream, epoch, position, op, schema, table, columns, key, before, after, unchanged, lsn,
                txId, commitTime, identity);
    }

    public boolean snapshot() {
        return op == Op.READ;
    }

    /** {@code schema.table}, the CloudEvent subject. */
    public String qualifiedTable() {
        return schema + "." + table;
    }

    /** Table plus key, so an ordered broker keeps the changes of one row in order. */
    public String partitionKey() {
        return key == null ? qualifiedTable() : qualifiedTable() + ":" + CompactJson.of(key);
    }

    public Column column(String name) {
        for (Column c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The value of a column in the row image that matters for this op (after, or before for a delete). */
    public JsonNode value(String column) {
        ObjectNode row = after != null ? after : before;
        return row == null ? null : row.get(column);
    }
}
