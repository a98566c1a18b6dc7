package io.sgstream.capture.values;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sgstream.event.Op;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

import java.util.ArrayList;
import java.util.List;

/**
 * The contract's row images of one change, from Debezium's key and before/after structs (whose values
 * {@link PgTextConverter} made text): {@code key}, {@code before} limited to what the replica identity really sends
 * (pgoutput fills the other old columns with nulls), {@code after} without unchanged TOASTed columns, which are
 * named in {@code unchanged} instead.
 */
public record RowImages(ObjectNode key, ObjectNode before, ObjectNode after, List<String> unchanged) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    public static RowImages of(Op op, Struct keyStruct, Struct beforeStruct, Struct afterStruct, TableShape shape) {
        if (op == Op.TRUNCATE) {
            return new RowImages(null, null, null, List.of());
        }
        List<String> unchanged = new ArrayList<>();
        ObjectNode after = afterStruct == null ? null : image(afterStruct, shape, unchanged);
        ObjectNode before = null;
        if (op == Op.UPDATE || op == Op.DELETE) {
            before = oldImage(beforeStruct, afterStruct, shape);
        }
        ObjectNode key = key(keyStruct, op == Op.DELETE ? beforeStruct : afterStruct, shape);
        return new RowImages(key, before, after, unchanged);
    }

    /* Struct.get(f) answers a NULL with the column's DEFAULT (Debezium puts it in the schema): a NULL stored in a
       column that has a default would arrive as the default. getWithoutDefault keeps the NULL. */
    private static ObjectNode image(Struct row, TableShape shape, List<String> unchanged) {
        ObjectNode node = NODES.objectNode();
        for (Field f : row.schema().fields()) {
            Object value = row.getWithoutDefault(f.name());
            if (UnchangedToast.is(value)) {
                unchanged.add(f.name());
            } else {
                node.set(f.name(), ValueEncoder.encode(text(value), shape.type(f.name())));
            }
        }
        return node;
    }

    /**
     * The old row as far as the source sends it: everything under REPLICA IDENTITY FULL, else the identity columns,
     * taken from the new row when pgoutput sent no old tuple (an update that kept the key).
     */
    private static ObjectNode oldImage(Struct before, Struct after, TableShape shape) {
        if (shape.identity() == TableShape.ReplicaIdentity.NOTHING) {
            return null;
        }
        boolean full = shape.identity() == TableShape.ReplicaIdentity.FULL;
        Struct source = before != null ? before : after;
        if (source == null || (full && before == null)) {
            return null;
        }
        ObjectNode node = NODES.objectNode();
        for (Field f : source.schema().fields()) {
            if (full || shape.identityColumns().contains(f.name())) {
                Object value = source.getWithoutDefault(f.name());
                if (!UnchangedToast.is(value)) {
                    node.set(f.name(), ValueEncoder.encode(text(value), shape.type(f.name())));
                }
            }
        }
        return node;
    }

    private static ObjectNode key(Struct keyStruct, Struct row, TableShape shape) {
        ObjectNode node = NODES.objectNode();
        if (keyStruct != null) {
            for (Field f : keyStruct.schema().fields()) {
                node.set(f.name(), ValueEncoder.encode(text(keyStruct.getWithoutDefault(f.name())), shape.type(f.name())));
            }
            return node;
        }
        if (row != null) {
            for (Field f : row.schema().fields()) {
                Object value = row.getWithoutDefault(f.name());
                if (shape.keyColumns().contains(f.name()) && !UnchangedToast.is(value)) {
                    node.set(f.name(), ValueEncoder.encode(text(value), shape.type(f.name())));
                }
            }
        }
        return node;
    }

    /** Our converter made every value text; a column claimed by a user's converter is written as its text form. */
    private static String text(Object value) {
        return value == null || value instanceof String ? (String) value : PgText.of(value);
    }
}
