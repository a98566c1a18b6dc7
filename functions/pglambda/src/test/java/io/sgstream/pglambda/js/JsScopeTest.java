package io.sgstream.pglambda.js;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.sgstream.event.EventCodec;
import io.sgstream.pglambda.InboundRequest;
import io.sgstream.pglambda.Outcome;
import io.sgstream.pglambda.PgLambda;
import io.sgstream.pglambda.TestEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a script sees ({@code event}, {@code request}, {@code change}) and how {@code response} answers. */
class JsScopeTest {

    /** Echoes everything it can see as the reply data, so the test reads the scope from the reply. */
    static final String ECHO = """
            reply('test.scope', {
              event: {id: event.id, type: event.type, source: event.source, subject: event.subject, time: event.time,
                      specversion: event.specversion, datacontenttype: event.datacontenttype,
                      op: event.op, schema: event.schema, table: event.table, stream: event.stream,
                      txseq: event.txseq, seq: event.seq, snapshot: event.snapshot, partitionkey: event.partitionkey,
                      amount: event.data.after ? event.data.after.amount : null},
              request: {method: request.method, path: request.path, ceId: request.get('Ce-Id'),
                        contentType: request.headers['content-type'], body: request.body},
              change: change
            });
            """;

    static PgLambda echo;

    @BeforeAll
    static void start() {
        echo = Scripts.lambda(ECHO);
    }

    @AfterAll
    static void stop() {
        echo.close();
    }

    private static JsonNode scope(CloudEvent event) {
        Outcome outcome = echo.handle(event);
        assertThat(outcome.kind()).as(outcome.error()).isEqualTo(Outcome.Kind.REPLIED);
        try {
            return EventCodec.JSON.readTree(outcome.reply().getData().toBytes());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eventHasTheCloudEventsSdkShapeWithExtensionsAsProperties() {
        CloudEvent event = TestEvents.update(4, 2, 7, "ann", "12.50", "13.00");
        JsonNode e = scope(event).path("event");

        assertThat(e.path("id").asText()).isEqualTo(event.getId());
        assertThat(e.path("type").asText()).isEqualTo("io.sgstream.change");
        assertThat(e.path("source").asText()).isEqualTo("/sgstream/shop/orders-stream");
        assertThat(e.path("subject").asText()).isEqualTo("public.orders");
        assertThat(e.path("time").asText()).isEqualTo("2026-11-25T10:00:00.123Z");
        assertThat(e.path("specversion").asText()).isEqualTo("1.0");
        assertThat(e.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(e.path("op").asText()).isEqualTo("u");
        assertThat(e.path("schema").asText()).isEqualTo("public");
        assertThat(e.path("table").asText()).isEqualTo("orders");
        assertThat(e.path("stream").asText()).isEqualTo("orders-stream");
        assertThat(e.path("txseq").asText()).isEqualTo("4");
        assertThat(e.path("seq").asText()).isEqualTo("2");
        assertThat(e.path("snapshot").asText()).isEqualTo("false");
        assertThat(e.path("partitionkey").asText()).isEqualTo("public.orders:{\"id\":7}");
        assertThat(e.path("amount").asText()).isEqualTo("13.00");
    }

    @Test
    void requestIsTheBinaryModeRequestABrokerWouldSend() {
        CloudEvent event = TestEvents.insert(1, 1, 7, "ann", "12.50");
        JsonNode r = scope(event).path("request");

        assertThat(r.path("method").asText()).isEqualTo("POST");
        assertThat(r.path("path").asText()).isEqualTo("/");
        assertThat(r.path("ceId").asText()).isEqualTo(event.getId());
        assertThat(r.path("contentType").asText()).isEqualTo("application/json");
        assertThat(r.path("body").asText()).isEqualTo(new String(event.getData().toBytes()));
    }

    @Test
    void requestIsTheOneThatCarriedTheEventWhenThereWasOne() {
        CloudEvent event = TestEvents.insert(1, 1, 7, "ann", "12.50");
        Outcome outcome = echo.handle(event, new InboundRequest("POST", "/", Map.of("Ce-Id", "from-http", "X-Trace", "abc"), "raw"));

        assertThat(new String(outcome.reply().getData().toBytes())).contains("\"ceId\":\"from-http\"", "\"body\":\"raw\"");
    }

    @Test
    void changeIsTheDecodedRowChange() {
        JsonNode c = scope(TestEvents.update(4, 2, 7, "ann", "12.50", "13.00")).path("change");

        assertThat(c.path("op").asText()).isEqualTo("u");
        assertThat(c.path("schema").asText()).isEqualTo("public");
        assertThat(c.path("table").asText()).isEqualTo("orders");
        assertThat(c.path("key").toString()).isEqualTo("{\"id\":7}");
        assertThat(c.path("before").path("amount").asText()).isEqualTo("12.50");
        assertThat(c.path("after").path("amount").asText()).isEqualTo("13.00");
        assertThat(c.path("unchanged").isArray()).isTrue();
        assertThat(c.path("snapshot").asBoolean()).isFalse();
        assertThat(c.path("columns").get(0).path("type").asText()).isEqualTo("integer");
        assertThat(c.path("position").path("txseq").asLong()).isEqualTo(4);
        assertThat(c.path("position").path("seq").asLong()).isEqualTo(2);
        assertThat(c.path("position").path("epoch").asText()).isEqualTo(TestEvents.EPOCH);
        assertThat(c.path("position").path("lsn").asText()).isEqualTo("0/16B3704");
        assertThat(c.path("position").path("txid").asLong()).isEqualTo(704);
        assertThat(c.path("commitTime").asText()).isEqualTo("2026-11-25T10:00:00.123Z");
    }

    @Test
    void changeIsNullForTransactionEnds() {
        JsonNode s = scope(TestEvents.transactionEnd(4, 2));

        assertThat(s.path("change").isNull()).isTrue();
        assertThat(s.path("event").path("type").asText()).isEqualTo("io.sgstream.transaction");
    }

    @Test
    void responseStatusIsTheAnswer() {
        try (PgLambda lambda = Scripts.lambda("response.status(202).end();")) {
            Outcome outcome = lambda.handle(TestEvents.insert(1, 1, 7, "ann", "12.50"));
            assertThat(outcome.kind()).isEqualTo(Outcome.Kind.ACKNOWLEDGED);
            assertThat(outcome.status()).isEqualTo(202);
        }
    }

    @Test
    void untouchedResponseAcknowledgesWithNoContent() {
        try (PgLambda lambda = Scripts.lambda("const x = 1;")) {
            assertThat(lambda.handle(TestEvents.insert(1, 1, 7, "ann", "12.50")).status()).isEqualTo(204);
        }
    }

    @Test
    void errorStatusChosenByTheScriptIsAnsweredWithItsBody() {
        try (PgLambda lambda = Scripts.lambda("""
                if (change.table === 'orders') { response.status(422).send('orders are not welcome'); return; }
                response.writeHead(200); response.end();
                """)) {
            Outcome outcome = lambda.handle(TestEvents.insert(1, 1, 7, "ann", "12.50"));

            assertThat(outcome.kind()).isEqualTo(Outcome.Kind.FUNCTION_STATUS);
            assertThat(outcome.status()).isEqualTo(422);
            assertThat(new String(outcome.body())).isEqualTo("orders are not welcome");
            assertThat(lambda.metrics().invocations(Outcome.Kind.FUNCTION_STATUS)).isEqualTo(1);
        }
    }

    @Test
    void sendStatusAndJsonWorkLikeExpress() {
        try (PgLambda lambda = Scripts.lambda("""
                if (change.op === 'd') { response.sendStatus(503); } else { response.json({ok: true}); }
                """)) {
            assertThat(lambda.handle(TestEvents.delete(1, 1, 7)).status()).isEqualTo(503);
            Outcome ok = lambda.handle(TestEvents.insert(2, 1, 8, "bob", "1.00"));
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.body()).as("a 2xx is answered with an empty body").isEmpty();
        }
    }

    @Test
    void constDeclarationsStartFreshForEveryEvent() {
        try (PgLambda lambda = Scripts.lambda("const seen = change.key.id; reply('test.seen', seen);")) {
            assertThat(new String(lambda.handle(TestEvents.insert(1, 1, 7, "ann", "1")).reply().getData().toBytes())).isEqualTo("7");
            assertThat(new String(lambda.handle(TestEvents.insert(2, 1, 8, "bob", "1")).reply().getData().toBytes())).isEqualTo("8");
        }
    }

    @Test
    void asynchronousCodeMayStillAnswer() {
        try (PgLambda lambda = Scripts.lambda("""
                Promise.resolve(change.after.amount).then(amount => { reply('test.async', {amount}); });
                """)) {
            Outcome outcome = lambda.handle(TestEvents.insert(1, 1, 7, "ann", "12.50"));

            assertThat(outcome.kind()).isEqualTo(Outcome.Kind.REPLIED);
            assertThat(new String(outcome.reply().getData().toBytes())).isEqualTo("{\"amount\":\"12.50\"}");
        }
    }

    @Test
    void anAsynchronousFailureFailsTheEvent() {
        try (PgLambda lambda = Scripts.lambda("Promise.resolve().then(() => { throw new Error('later'); });")) {
            Outcome outcome = lambda.handle(TestEvents.insert(1, 1, 7, "ann", "12.50"));

            assertThat(outcome.kind()).isEqualTo(Outcome.Kind.FAILED);
            assertThat(outcome.error()).contains("later");
        }
    }

    @Test
    void consoleErrorGoesToTheErrorStream() {
        Console console = new Console();
        try (PgLambda lambda = Scripts.lambda("console.error('bad row', change.key.id); console.log('fine');", console)) {
            lambda.handle(TestEvents.insert(1, 1, 7, "ann", "12.50"));

            assertThat(console.err()).containsExactly("bad row 7");
            assertThat(console.out()).containsExactly("fine");
        }
    }
}
