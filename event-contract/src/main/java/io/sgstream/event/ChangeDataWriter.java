package io.sgstream.event;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * Writes a row change's {@code data} straight to JSON bytes, field by field, instead of building an
 * {@code ObjectNode} for it and handing that to {@code ObjectMapper.writeValueAsBytes}: the capture does this for
 * every row, and the intermediate tree (a node per column descriptor) plus the mapper's per-call serializer set-up
 * were most of the cost. The bytes are the ones the tree would give: same field order, same generator, and row
 * images written the way Jackson's node serializers write them. Node kinds the capture does not build (floating
 * point, binary, POJO) make {@link #write} return null, and the caller takes the tree path.
 */
final class ChangeDataWriter {

    private ChangeDataWriter() {
    }

    /** The data bytes of {@code c}, or null if a row image holds a node kind this class does not write. */
    static byte[] write(RowChange c) {
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator g = EventCodec.JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("op", c.op().code());
            g.writeStringField("schema", c.schema());
            g.writeStringField("table", c.table());
            g.writeArrayFieldStart("columns");
            for (Column col : c.columns()) {
                g.writeStartObject();
                g.writeStringField("name", col.name());
                g.writeStringField("type", col.type());
                if (col.key()) {
                    g.writeBooleanField("key", true);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (c.identity() != KeyIdentity.PRIMARY_KEY) {
                g.writeStringField("identity", c.identity().code());
            }
            if (!image(g, "key", c.key()) || !image(g, "before", c.before()) || !image(g, "after", c.after())) {
                return null;
            }
            if (!c.unchanged().isEmpty()) {
                g.writeArrayFieldStart("unchanged");
                for (String name : c.unchanged()) {
                    g.writeString(name);
                }
                g.writeEndArray();
            }
            g.writeObjectFieldStart("source");
            if (c.lsn() != null) {
                g.writeStringField("lsn", c.lsn());
            }
            if (c.txId() != null) {
                g.writeNumberField("txid", c.txId());
            }
            if (c.commitTime() != null) {
                g.writeStringField("ts", text(c.commitTime()));
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize event data", e);
        }
        return out.toByteArray();
    }

    /**
     * {@code Instant.toString()}, kept for the last instant: every row of a transaction (and of the whole snapshot)
     * carries the same commit time, and the ISO formatter was a visible part of writing a row.
     */
    private static String text(Instant instant) {
        InstantText last = lastInstant;
        if (last == null || !last.instant.equals(instant)) {
            last = new InstantText(instant, instant.toString());
            lastInstant = last;
        }
        return last.text;
    }

    /** Replaced whole, so a reader never sees one instant with another's text. */
    private record InstantText(Instant instant, String text) {
    }

    private static volatile InstantText lastInstant;

    /** A row image field; an absent image is written as JSON null, as {@code ObjectNode.set(name, null)} stores it. */
    private static boolean image(JsonGenerator g, String name, JsonNode node) throws IOException {
        g.writeFieldName(name);
        if (node == null) {
            g.writeNull();
            return true;
        }
        return value(g, node);
    }

    private static boolean value(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case STRING -> g.writeString(node.textValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> g.writeNumber(node.intValue());
                    case LONG -> g.writeNumber(node.longValue());
                    case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
                    case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
                    default -> {
                        return false; // float and double: Jackson's own node serializers decide
                    }
                }
            }
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL -> g.writeNull();
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    g.writeFieldName(field.getKey());
                    if (!value(g, field.getValue())) {
                        return false;
                    }
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (int i = 0; i < node.size(); i++) {
                    if (!value(g, node.get(i))) {
                        return false;
                    }
                }
                g.writeEndArray();
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
