package functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.sgstream.event.CloudEventsHttp;
import io.sgstream.event.Column;
import io.sgstream.event.EventCodec;
import io.sgstream.event.Op;
import io.sgstream.event.Position;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamId;
import io.sgstream.event.TransactionEnd;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
class FunctionTest {

    static final StreamId STREAM = new StreamId("shop", "orders-stream");

    /** An update of public.orders as the capture service sends it, built with the event contract. */
    static io.cloudevents.CloudEvent orderUpdate() {
        var json = EventCodec.JSON;
        RowChange change = new RowChange(STREAM, "20261125100000000", new Position(3, 1), Op.UPDATE, "public", "orders",
                List.of(new Column("id", "integer", true), new Column("amount", "numeric(10,2)", false)),
                json.createObjectNode().put("id", 7),
                json.createObjectNode().put("id", 7).put("amount", "12.50"),
                json.createObjectNode().put("id", 7).put("amount", "13.00"),
                List.of(), "0/16B3748", 745L, Instant.parse("2026-11-25T10:00:00Z"));
        return EventCodec.toCloudEvent(change);
    }

    @Test
    void functionReceivesATypedChange() {
        io.cloudevents.CloudEvent event = orderUpdate();
        JsonNode data = readData(event);
        Map<String, String> extensions = new HashMap<>();
        event.getExtensionNames().forEach(n -> extensions.put(n, String.valueOf(event.getExtension(n))));
        CloudEvent<JsonNode> input = CloudEventBuilder.create().id(event.getId()).type(event.getType())
                .source(event.getSource().toString()).subject(event.getSubject()).extensions(extensions).build(data);

        ChangeEvent change = ChangeEvent.from(input);
        CloudEvent<OrderChange> reply = new Function().function(input);

        assertEquals(Op.UPDATE, change.op());
        assertEquals(new BigDecimal("13.00"), change.decimal("amount"));
        assertEquals("com.example.order.changed", reply.type());
        assertEquals("/sgstream/shop/orders-stream/pglambda", reply.source());
        assertEquals(new OrderChange(7, "u", new BigDecimal("0.50")), reply.data());
    }

    @Test
    void aChangeOverHttpIsAnsweredWithAReplyEvent() {
        io.cloudevents.CloudEvent event = orderUpdate();

        binary(event).post("/").then().statusCode(200)
                .header("ce-type", "com.example.order.changed")
                .header("ce-source", "/sgstream/shop/orders-stream/pglambda")
                .header("ce-id", event.getId())
                .body("order", equalTo(7))
                .body("op", equalTo("u"))
                .body("amountDelta", equalTo(0.50f));
    }

    @Test
    void aTransactionEndIsAcknowledgedWithoutReply() {
        io.cloudevents.CloudEvent end = EventCodec.toCloudEvent(new TransactionEnd(STREAM, "20261125100000000", 3, 1,
                "0/16B3748", 745L, Instant.parse("2026-11-25T10:00:00Z"), Map.of("public.orders", 1L)));

        binary(end).post("/").then().statusCode(204).body(emptyString());
        assertNull(new Function().function(CloudEventBuilder.create().type(end.getType()).build(readData(end))));
    }

    private static RequestSpecification binary(io.cloudevents.CloudEvent event) {
        Map<String, String> headers = new HashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        CloudEventsHttp.writeBinary(event, headers::put, body::writeBytes);
        return RestAssured.given().headers(headers).body(body.toByteArray());
    }

    private static JsonNode readData(io.cloudevents.CloudEvent event) {
        try {
            return EventCodec.JSON.readTree(event.getData().toBytes());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
