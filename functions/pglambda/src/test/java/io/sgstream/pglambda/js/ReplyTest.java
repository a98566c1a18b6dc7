package io.sgstream.pglambda.js;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.sgstream.event.EventCodec;
import io.sgstream.pglambda.Outcome;
import io.sgstream.pglambda.PgLambda;
import io.sgstream.pglambda.TestEvents;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reply()} and {@code drop()}: the events a script emits and the attributes they get. */
class ReplyTest {

    /** Writes a summary of each order change as a reply event. */
    static final String SUMMARY = """
            const amount = row => row && row.amount !== null ? Number(row.amount) : 0;
            if (change === null) { return; }
            reply('com.example.order.summary', {
              order: change.key.id,
              op: change.op,
              delta: amount(change.after) - amount(change.before),
              customer: (change.after || change.before).customer || null
            }, {region: 'eu', txseq: change.position.txseq});
            """;

    @Test
    void aSummaryReplyGetsTheDocumentedAttributes() throws IOException {
        CloudEvent event = TestEvents.update(4, 2, 7, "ann", "12.50", "13.00");
        try (PgLambda lambda = Scripts.lambda(SUMMARY)) {
            Outcome outcome = lambda.handle(event);

            assertThat(outcome.kind()).isEqualTo(Outcome.Kind.REPLIED);
            assertThat(outcome.status()).isEqualTo(200);
            CloudEvent reply = outcome.reply();
            assertThat(reply.getType()).isEqualTo("com.example.order.summary");
            assertThat(reply.getSource()).isEqualTo(URI.create("/sgstream/shop/orders-stream/pglambda"));
            assertThat(reply.getId()).as("same id on redelivery").isEqualTo(event.getId());
            assertThat(reply.getSubject()).isEqualTo("public.orders");
            assertThat(reply.getTime()).isEqualTo(event.getTime());
            assertThat(reply.getDataContentType()).isEqualTo("application/json");
            assertThat(reply.getExtension("partitionkey")).isEqualTo("public.orders:{\"id\":7}");
            assertThat(reply.getExtension("region")).isEqualTo("eu");
            assertThat(reply.getExtension("txseq")).isEqualTo("4");
            assertThat(reply.getExtension("op")).as("not copied: a Trigger on op would receive its own replies").isNull();
            JsonNode data = EventCodec.JSON.readTree(reply.getData().toBytes());
            assertThat(data.path("order").asInt()).isEqualTo(7);
            assertThat(data.path("op").asText()).isEqualTo("u");
            assertThat(data.path("delta").decimalValue()).isEqualByComparingTo("0.5");
            assertThat(data.path("customer").asText()).isEqualTo("ann");
            assertThat(lambda.metrics().invocations(Outcome.Kind.REPLIED)).isEqualTo(1);
        }
    }

    @Test
    void aRedeliveredEventGetsAnIdenticalReply() {
        CloudEvent event = TestEvents.insert(4, 1, 7, "ann", "12.50");
        try (PgLambda lambda = Scripts.lambda(SUMMARY)) {
            CloudEvent first = lambda.handle(event).reply();
            CloudEvent again = lambda.handle(event).reply();

            assertThat(again).isEqualTo(first);
        }
    }

    @Test
    void aReplyWithoutDataHasNoData() {
        try (PgLambda lambda = Scripts.lambda("reply('com.example.ping');")) {
            CloudEvent reply = lambda.handle(TestEvents.insert(1, 1, 7, "ann", "1")).reply();

            assertThat(reply.getType()).isEqualTo("com.example.ping");
            assertThat(reply.getData()).isNull();
        }
    }

    @Test
    void aReplyOfTheStreamsOwnTypeFamilyIsRefusedWhereTheScriptAsksForIt() {
        try (PgLambda lambda = Scripts.lambda("const t = 'io.sgstream.change';\nreply(t, change.after);")) {
            Outcome outcome = lambda.handle(TestEvents.insert(1, 1, 7, "ann", "1"));

            assertThat(outcome.kind()).isEqualTo(Outcome.Kind.FAILED);
            assertThat(outcome.status()).isEqualTo(500);
            assertThat(outcome.error()).contains("must not start with 'io.sgstream.'", "(pglambda.js:2:1)");
        }
    }

    @Test
    void onlyOneReplyPerEvent() {
        try (PgLambda lambda = Scripts.lambda("reply('a.b', 1); reply('a.c', 2);")) {
            Outcome outcome = lambda.handle(TestEvents.insert(1, 1, 7, "ann", "1"));

            assertThat(outcome.kind()).isEqualTo(Outcome.Kind.FAILED);
            assertThat(outcome.error()).contains("one CloudEvent");
        }
    }

    @Test
    void invalidExtensionNamesAreRefused() {
        try (PgLambda lambda = Scripts.lambda("reply('a.b', 1, {'Bad-Name': 'x'});")) {
            Outcome outcome = lambda.handle(TestEvents.insert(1, 1, 7, "ann", "1"));

            assertThat(outcome.kind()).isEqualTo(Outcome.Kind.FAILED);
            assertThat(outcome.error()).contains("invalid reply", "Bad-Name");
        }
    }

    @Test
    void oversizedReplyDataIsRefused() {
        try (PgLambda lambda = Scripts.lambda("reply('a.b', 'x'.repeat(2 * 1024 * 1024));")) {
            Outcome outcome = lambda.handle(TestEvents.insert(1, 1, 7, "ann", "1"));

            assertThat(outcome.kind()).isEqualTo(Outcome.Kind.FAILED);
            assertThat(outcome.error()).contains("more than the limit of 1048576");
        }
    }

    @Test
    void dropAcknowledgesAndEmitsNothing() {
        try (PgLambda lambda = Scripts.lambda("""
                if (change.op === 'd') { drop(); return; }
                reply('com.example.kept', change.key);
                """)) {
            Outcome dropped = lambda.handle(TestEvents.delete(1, 1, 7));
            Outcome kept = lambda.handle(TestEvents.insert(2, 1, 8, "bob", "1"));

            assertThat(dropped.kind()).isEqualTo(Outcome.Kind.DROPPED);
            assertThat(dropped.status()).isEqualTo(204);
            assertThat(dropped.reply()).isNull();
            assertThat(kept.kind()).isEqualTo(Outcome.Kind.REPLIED);
        }
    }

    @Test
    void dropWinsOverAnEarlierReply() {
        try (PgLambda lambda = Scripts.lambda("reply('com.example.x', 1); drop();")) {
            Outcome outcome = lambda.handle(TestEvents.insert(1, 1, 7, "ann", "1"));

            assertThat(outcome.kind()).isEqualTo(Outcome.Kind.DROPPED);
            assertThat(outcome.reply()).isNull();
        }
    }
}
