package io.sgstream.pglambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.sgstream.event.Column;
import io.sgstream.event.EventCodec;
import io.sgstream.event.Op;
import io.sgstream.event.Position;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamId;
import io.sgstream.event.TransactionEnd;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Real events of a stream {@code shop/orders-stream} built with the contract's classes, on table public.orders. */
public final class TestEvents {

    public static final StreamId STREAM = new StreamId("shop", "orders-stream");
    public static final String EPOCH = "20261125100000000";
    public static final Instant COMMIT = Instant.parse("2026-11-25T10:00:00.123Z");
    public static final List<Column> COLUMNS = List.of(
            new Column("id", "integer", true),
            new Column("customer", "text", false),
            new Column("amount", "numeric(10,2)", false));

    private TestEvents() {
    }

    public static ObjectNode row(int id, String customer, String amount) {
        ObjectNode row = EventCodec.JSON.createObjectNode().put("id", id).put("customer", customer);
        return amount == null ? row.putNull("amount") : row.put("amount", amount);
    }

    public static ObjectNode key(int id) {
        return EventCodec.JSON.createObjectNode().put("id", id);
    }

    public static RowChange change(long txSeq, long seq, Op op, ObjectNode before, ObjectNode after, int id) {
        return new RowChange(STREAM, EPOCH, new Position(txSeq, seq), op, "public", "orders", COLUMNS, key(id), before,
                after, List.of(), "0/16B" + (3700 + txSeq), 700 + txSeq, COMMIT);
    }

    public static CloudEvent insert(long txSeq, long seq, int id, String customer, String amount) {
        return EventCodec.toCloudEvent(change(txSeq, seq, Op.CREATE, null, row(id, customer, amount), id));
    }

    public static CloudEvent update(long txSeq, long seq, int id, String customer, String oldAmount, String newAmount) {
        return EventCodec.toCloudEvent(change(txSeq, seq, Op.UPDATE, row(id, customer, oldAmount), row(id, customer, newAmount), id));
    }

    public static CloudEvent delete(long txSeq, long seq, int id) {
        return EventCodec.toCloudEvent(change(txSeq, seq, Op.DELETE, key(id), null, id));
    }

    public static CloudEvent transactionEnd(long txSeq, long events) {
        return EventCodec.toCloudEvent(new TransactionEnd(STREAM, EPOCH, txSeq, events, "0/16B" + (3700 + txSeq), 700 + txSeq,
                COMMIT, Map.of("public.orders", events)));
    }

    public static BigDecimal decimal(String value) {
        return new BigDecimal(value);
    }
}
