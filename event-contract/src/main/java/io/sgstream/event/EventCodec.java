package io.sgstream.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@link StreamEvent}s into CloudEvents and back. The only code that knows the wire shape described in
 * {@link io.sgstream.event the package documentation}; it is stateless and thread-safe.
 */
public final class EventCodec {

    /** Shared mapper: numbers keep their exact text (BigDecimal) so values survive a read/write cycle. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private static final String JSON_CONTENT = "application/json";

    private EventCodec() {
    }

    // ---------------------------------------------------------------- write

    public static CloudEvent toCloudEvent(StreamEvent event) {
        CloudEventBuilder b = CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(event.stream().source())
                .withType(event.type())
                .withDataContentType(JSON_CONTENT)
                .withExtension(EventAttributes.STREAM, event.stream().name())
                .withExtension(EventAttributes.EPOCH, event.epoch())
                .withExtension(EventAttributes.TXSEQ, Long.toString(event.position().txSeq()));
        byte[] data;
        if (event instanceof RowChange c) {
            String qualifiedTable = c.qualifiedTable();
            b.withSubject(qualifiedTable)
                    .withExtension(EventAttributes.SEQ, Long.toString(c.position().seq()))
                    .withExtension(EventAttributes.OP, c.op().code())
                    .withExtension(EventAttributes.SCHEMA, c.schema())
                    .withExtension(EventAttributes.TABLE, c.table())
                    .withExtension(EventAttributes.SNAPSHOT, Boolean.toString(c.snapshot()))
                    .withExtension(EventAttributes.PARTITION_KEY, c.key() == null
                            ? qualifiedTable : qualifiedTable + ":" + CompactJson.of(c.key())); // RowChange.partitionKey
            optional(b, EventAttributes.LSN, c.lsn());
            optional(b, EventAttributes.TXID, c.txId());
            if (c.commitTime() != null) {
                b.withTime(c.commitTime().atOffset(ZoneOffset.UTC));
            }
            data = ChangeDataWriter.write(c);
            if (data == null) {
                data = bytes(changeData(c));
            }
        } else if (event instanceof TransactionEnd t) {
            b.withExtension(EventAttributes.SNAPSHOT, Boolean.toString(t.snapshot()));
            optional(b, EventAttributes.LSN, t.lsn());
            optional(b, EventAttributes.TXID, t.txId());
            if (t.commitTime() != null) {
                b.withTime(t.commitTime().atOffset(ZoneOffset.UTC));
            }
            data = bytes(transactionData(t));
        } else {
            SignalEvent s = (SignalEvent) event;
            b.withExtension(EventAttributes.SEQ, Long.toString(s.position().seq()))
                    .withExtension(EventAttributes.SNAPSHOT, "false");
            ObjectNode d = JSON.createObjectNode();
            d.put("signal", s.name());
            d.set("data", s.data());
            data = bytes(d);
        }
        return b.withData(data).build();
    }

    private static void optional(CloudEventBuilder b, String name, Object value) {
        if (value != null) {
            b.withExtension(name, value.toString());
        }
    }

    /** The tree form of a change's data: {@link ChangeDataWriter} writes the same bytes without it. */
    static ObjectNode changeData(RowChange c) {
        ObjectNode d = JSON.createObjectNode();
        d.put("op", c.op().code());
        d.put("schema", c.schema());
        d.put("table", c.table());
        ArrayNode columns = d.putArray("columns");
        for (Column col : c.columns()) {
            ObjectNode n = columns.addObject().put("name", col.name()).put("type", col.type());
            if (col.key()) {
                n.put("key", true);
            }
        }
        if (c.identity() != KeyIdentity.PRIMARY_KEY) { // absent means primary-key: older events stay byte-identical
            d.put("identity", c.identity().code());
        }
        d.set("key", c.key());
        d.set("before", c.before());
        d.set("after", c.after());
        if (!c.unchanged().isEmpty()) {
            ArrayNode u = d.putArray("unchanged");
            c.unchanged().forEach(u::add);
        }
        ObjectNode source = d.putObject("source");
        if (c.lsn() != null) {
            source.put("lsn", c.lsn());
        }
        if (c.txId() != null) {
            source.put("txid", c.txId());
        }
        if (c.commitTime() != null) {
            source.put("ts", c.commitTime().toString());
        }
        return d;
    }

    private static ObjectNode transactionData(TransactionEnd t) {
        ObjectNode d = JSON.createObjectNode();
        d.put("txseq", t.txSeq());
        d.put("events", t.eventCount());
        if (t.lsn() != null) {
            d.put("lsn", t.lsn());
        }
        if (t.txId() != null) {
            d.put("txid", t.txId());
        }
        if (t.commitTime() != null) {
            d.put("ts", t.commitTime().toString());
        }
        ObjectNode tables = d.putObject("tables");
        t.tables().forEach(tables::put);
        return d;
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize event data", e);
        }
    }

    // ---------------------------------------------------------------- read

    /**
     * Reads a CloudEvent of the SGStream family.
     *
     * @throws MalformedEventException with a reason fit for a 400 response when the event breaks the contract
     */
    public static StreamEvent fromCloudEvent(CloudEvent ce) {
        if (EventParts.isPart(ce)) {
            throw new MalformedEventException("event " + ce.getId() + " is part " + ce.getExtension(EventAttributes.PART_INDEX)
                    + " of a split event: join its parts first (EventParts.join)");
        }
        StreamId stream = StreamId.fromSource(ce.getSource());
        String epoch = required(ce, EventAttributes.EPOCH);
        long txSeq = number(ce, EventAttributes.TXSEQ);
        String type = ce.getType();
        StreamEvent event;
        if (EventTypes.CHANGE.equals(type)) {
            byte[] bytes = dataBytes(ce);
            ChangeDataReader.Fields fields = ChangeDataReader.read(bytes);
            event = fields != null ? change(ce, stream, epoch, txSeq, fields)
                    : readChange(ce, stream, epoch, txSeq, parse(bytes));
        } else if (EventTypes.TRANSACTION.equals(type)) {
            ObjectNode data = data(ce);
            event = new TransactionEnd(stream, epoch, txSeq, requiredLong(data, "events"), text(data, "lsn"),
                    optionalLong(data, "txid"), instant(data, "ts"), tables(data));
        } else if (type.startsWith(EventTypes.SIGNAL_PREFIX)) {
            ObjectNode data = data(ce);
            String name = type.substring(EventTypes.SIGNAL_PREFIX.length());
            event = new SignalEvent(stream, epoch, new Position(txSeq, number(ce, EventAttributes.SEQ)), name, data.get("data"));
        } else {
            data(ce);
            throw new MalformedEventException("unknown type '" + type + "' (expected " + EventTypes.CHANGE + ", "
                    + EventTypes.TRANSACTION + " or " + EventTypes.SIGNAL_PREFIX + "<name>)");
        }
        if (!event.id().equals(ce.getId())) {
            throw new MalformedEventException("id '" + ce.getId() + "' does not match its position (expected '" + event.id() + "')");
        }
        return event;
    }

    /** A change read by {@link ChangeDataReader}: the same checks and values as {@link #readChange}. */
    private static RowChange change(CloudEvent ce, StreamId stream, String epoch, long txSeq, ChangeDataReader.Fields f) {
        Position position = new Position(txSeq, number(ce, EventAttributes.SEQ));
        return new RowChange(stream, epoch, position, Op.fromCode(f.op()), f.schema(), f.table(), f.columns(), f.key(),
                f.before(), f.after(), f.unchanged(), f.lsn(), f.txId(), instant(f.ts(), "ts"), f.identity());
    }

    private static RowChange readChange(CloudEvent ce, StreamId stream, String epoch, long txSeq, ObjectNode d) {
        Position position = new Position(txSeq, number(ce, EventAttributes.SEQ));
        Op op = Op.fromCode(requiredText(d, "op"));
        JsonNode columnsNode = d.get("columns");
        if (columnsNode == null || !columnsNode.isArray()) {
            throw new MalformedEventException("data.columns must be an array");
        }
        List<Column> columns = new ArrayList<>(columnsNode.size());
        for (JsonNode c : columnsNode) {
            columns.add(new Column(text(c, "name"), text(c, "type"), c.path("key").asBoolean(false)));
        }
        List<String> unchanged = new ArrayList<>();
        d.path("unchanged").forEach(n -> unchanged.add(n.asText()));
        JsonNode source = d.path("source");
        return new RowChange(stream, epoch, position, op, requiredText(d, "schema"), requiredText(d, "table"), columns,
                object(d, "key"), object(d, "before"), object(d, "after"), unchanged,
                text(source, "lsn"), optionalLong(source, "txid"), instant(source, "ts"),
                KeyIdentity.fromCode(text(d, "identity")));
    }

    private static ObjectNode data(CloudEvent ce) {
        return parse(dataBytes(ce));
    }

    private static byte[] dataBytes(CloudEvent ce) {
        CloudEventData data = ce.getData();
        if (data == null) {
            throw new MalformedEventException("event " + ce.getId() + " has no data");
        }
        String contentType = ce.getDataContentType();
        if (contentType != null && !contentType.startsWith(JSON_CONTENT)) {
            throw new MalformedEventException("datacontenttype must be application/json, was " + contentType);
        }
        return data.toBytes();
    }

    private static ObjectNode parse(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new MalformedEventException("data must be a JSON object");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new MalformedEventException("data is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String required(CloudEvent ce, String attribute) {
        Object v = ce.getExtension(attribute);
        if (v == null || v.toString().isEmpty()) {
            throw new MalformedEventException("missing extension attribute '" + attribute + "'");
        }
        return v.toString();
    }

    private static long number(CloudEvent ce, String attribute) {
        String v = required(ce, attribute);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new MalformedEventException("extension attribute '" + attribute + "' must be a number, was '" + v + "'");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String requiredText(JsonNode node, String field) {
        String v = text(node, field);
        if (v == null || v.isEmpty()) {
            throw new MalformedEventException("data." + field + " is required");
        }
        return v;
    }

    private static long requiredLong(JsonNode node, String field) {
        Long v = optionalLong(node, field);
        if (v == null) {
            throw new MalformedEventException("data." + field + " is required");
        }
        return v;
    }

    private static Long optionalLong(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new MalformedEventException("data." + field + " must be an integer, was " + v);
        }
        return v.asLong();
    }

    private static ObjectNode object(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new MalformedEventException("data." + field + " must be an object or null");
        }
        return (ObjectNode) v;
    }

    private static Instant instant(JsonNode node, String field) {
        return instant(text(node, field), field);
    }

    private static Instant instant(String v, String field) {
        if (v == null) {
            return null;
        }
        Instant fast = UtcInstants.parse(v);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("data." + field + " is not an ISO-8601 timestamp: " + v);
        }
    }

    private static Map<String, Long> tables(JsonNode data) {
        Map<String, Long> tables = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = data.path("tables").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            tables.put(e.getKey(), e.getValue().asLong());
        }
        return tables;
    }
}
