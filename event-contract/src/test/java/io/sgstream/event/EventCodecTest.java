package io.sgstream.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    static final StreamId STREAM = new StreamId("shop", "orders-migration");

    static RowChange update() {
        ObjectNode key = EventCodec.JSON.createObjectNode().put("id", 7);
        ObjectNode before = key.deepCopy().put("note", "old");
        ObjectNode after = key.deepCopy().put("price", "12.50");
        return new RowChange(STREAM, "e1", new Position(42, 3), Op.UPDATE, "public", "orders",
                List.of(new Column("id", "integer", true), new Column("note", "text", false),
                        new Column("price", "numeric(10,2)", false)),
                key, before, after, List.of("note"), "0/16B3748", 745L, Instant.parse("2026-11-25T10:00:00.123Z"));
    }

    @Test
    void changeCarriesTheContractAttributes() {
        CloudEvent ce = EventCodec.toCloudEvent(update());
        assertThat(ce.getId()).isEqualTo("e1-42-3");
        assertThat(ce.getSource()).isEqualTo(URI.create("/sgstream/shop/orders-migration"));
        assertThat(ce.getType()).isEqualTo("io.sgstream.change");
        assertThat(ce.getSubject()).isEqualTo("public.orders");
        assertThat(ce.getDataContentType()).isEqualTo("application/json");
        assertThat(ce.getExtension("op")).isEqualTo("u");
        assertThat(ce.getExtension("schema")).isEqualTo("public");
        assertThat(ce.getExtension("table")).isEqualTo("orders");
        assertThat(ce.getExtension("stream")).isEqualTo("orders-migration");
        assertThat(ce.getExtension("epoch")).isEqualTo("e1");
        assertThat(ce.getExtension("txseq")).isEqualTo("42");
        assertThat(ce.getExtension("seq")).isEqualTo("3");
        assertThat(ce.getExtension("lsn")).isEqualTo("0/16B3748");
        assertThat(ce.getExtension("txid")).isEqualTo("745");
        assertThat(ce.getExtension("snapshot")).isEqualTo("false");
        assertThat(ce.getExtension("partitionkey")).isEqualTo("public.orders:{\"id\":7}");
        assertThat(ce.getTime()).isNotNull();
        for (String name : ce.getExtensionNames()) {
            assertThat(name).matches("[a-z][a-z0-9]*");
        }
    }

    @Test
    void everyEventKindRoundTripsThroughBinaryAndStructuredHttp() {
        List<StreamEvent> events = List.of(
                update(),
                new TransactionEnd(STREAM, "e1", 42, 3, "0/16B3800", 745L, Instant.parse("2026-11-25T10:00:00Z"),
                        Map.of("public.orders", 3L)),
                new TransactionEnd(STREAM, "e1", 0, 0, null, null, null, null),
                new SignalEvent(STREAM, "e1", new Position(43, 1), "command",
                        EventCodec.JSON.createObjectNode().put("command", "ANALYZE public.orders")));
        EventFormat structured = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
        for (StreamEvent event : events) {
            CloudEvent ce = EventCodec.toCloudEvent(event);
            Map<String, String> headers = new HashMap<>();
            byte[][] body = new byte[1][];
            CloudEventsHttp.writeBinary(ce, headers::put, b -> body[0] = b);
            assertThat(headers).containsEntry("ce-id", event.id()).containsKey("ce-txseq");
            assertThat(EventCodec.fromCloudEvent(CloudEventsHttp.read(headers, body[0]))).isEqualTo(event);

            byte[] json = structured.serialize(ce);
            CloudEvent read = CloudEventsHttp.read(Map.of("Content-Type", "application/cloudevents+json"), json);
            assertThat(EventCodec.fromCloudEvent(read)).isEqualTo(event);
        }
    }

    @Test
    void attributesOutsidePrintableAsciiArePercentEncodedInHeadersAndDecodedOnRead() {
        ObjectNode key = EventCodec.JSON.createObjectNode().put("id", "ß 1");
        RowChange change = new RowChange(STREAM, "e1", new Position(3, 1), Op.CREATE, "café", "naïve \"x\" 100%",
                List.of(new Column("id", "text", true)), key, null, key.deepCopy(), null, null, null, null);
        Map<String, String> headers = new HashMap<>();
        byte[][] body = new byte[1][];
        CloudEventsHttp.writeBinary(EventCodec.toCloudEvent(change), headers::put, b -> body[0] = b);
        assertThat(headers.get("ce-schema")).isEqualTo("caf%C3%A9");
        assertThat(headers.get("ce-table")).isEqualTo("na%C3%AFve%20%22x%22%20100%25");
        headers.values().forEach(v -> assertThat(v).matches("[\\x21-\\x7e]*"));
        CloudEvent read = CloudEventsHttp.read(headers, body[0]);
        assertThat(read.getExtension("table")).isEqualTo("naïve \"x\" 100%");
        assertThat(EventCodec.fromCloudEvent(read)).isEqualTo(change);
    }

    @Test
    void malformedEventsAreRejectedWithAReason() {
        CloudEvent good = EventCodec.toCloudEvent(update());
        assertMalformed(CloudEventBuilder.from(good).withoutExtension("epoch").build(), "missing extension attribute 'epoch'");
        assertMalformed(CloudEventBuilder.from(good).withExtension("txseq", "x").build(), "'txseq' must be a number");
        assertMalformed(CloudEventBuilder.from(good).withId("other").build(), "does not match its position");
        assertMalformed(CloudEventBuilder.from(good).withType("com.example.other").build(), "unknown type 'com.example.other'");
        assertMalformed(CloudEventBuilder.from(good).withSource(URI.create("/elsewhere")).build(), "not an SGStream source");
        assertMalformed(CloudEventBuilder.from(good).withData("application/json", "{not json".getBytes(StandardCharsets.UTF_8)).build(),
                "data is not valid JSON");
        assertMalformed(CloudEventBuilder.from(good).withData("application/json", "{\"op\":\"x\"}".getBytes(StandardCharsets.UTF_8)).build(),
                "unknown op 'x'");
        assertMalformed(CloudEventBuilder.from(good).withData("application/json",
                "{\"op\":\"u\",\"schema\":\"public\",\"table\":\"t\",\"columns\":[],\"key\":{\"id\":1}}".getBytes(StandardCharsets.UTF_8)).build(),
                "without 'after'");
        assertMalformed(CloudEventBuilder.from(good).withoutData().build(), "has no data");
    }

    @Test
    void httpRequestsThatAreNoCloudEventsAreRejected() {
        assertThatThrownBy(() -> CloudEventsHttp.read(Map.of("Content-Type", "application/json"), "{}".getBytes()))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not a CloudEvent");
        assertThatThrownBy(() -> CloudEventsHttp.read(Map.of("Content-Type", "application/cloudevents-batch+json"), "[]".getBytes()))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("batched");
        assertThatThrownBy(() -> CloudEventsHttp.read(Map.of("ce-id", "1", "ce-specversion", "1.0"), "{}".getBytes()))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("malformed CloudEvent");
        assertThatThrownBy(() -> CloudEventsHttp.read(Map.of("Content-Type", "application/cloudevents+json"), "{".getBytes()))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("malformed CloudEvent");
    }

    private static void assertMalformed(CloudEvent ce, String reason) {
        assertThatThrownBy(() -> EventCodec.fromCloudEvent(ce)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(reason);
    }
}
