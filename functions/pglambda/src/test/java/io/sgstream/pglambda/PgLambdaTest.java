package io.sgstream.pglambda;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.event.EventAttributes;
import io.sgstream.event.EventCodec;
import io.sgstream.event.EventParts;
import io.sgstream.event.Op;
import io.sgstream.pglambda.js.Scripts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler around the function: malformed events, split events, metrics. */
class PgLambdaTest {

    /** Replies with the length of the customer text, so a reassembled event shows it arrived whole. */
    static PgLambda lambda;

    @BeforeAll
    static void start() {
        lambda = Scripts.lambda("reply('test.length', {customer: change.after.customer.length, id: event.id});");
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    @Test
    void anEventOfAnotherFamilyIsRefusedWithoutRunningTheFunction() {
        long before = lambda.metrics().invocations();
        CloudEvent foreign = CloudEventBuilder.v1().withId("1").withSource(java.net.URI.create("/elsewhere"))
                .withType("com.example.order.summary").withData("application/json", "{}".getBytes()).build();

        Outcome outcome = lambda.handle(foreign);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.MALFORMED);
        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.retried()).isFalse();
        assertThat(outcome.error()).contains("not an SGStream event", "io.sgstream.change");
        assertThat(lambda.metrics().invocations()).isEqualTo(before);
    }

    @Test
    void anEventBreakingTheContractIsRefusedWithTheReason() {
        CloudEvent event = TestEvents.insert(1, 1, 7, "ann", "1");
        CloudEvent broken = CloudEventBuilder.from(event).withData("application/json", "{\"op\":\"c\"}".getBytes()).build();
        long malformed = lambda.metrics().malformedEvents();

        Outcome outcome = lambda.handle(broken);

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.error()).isEqualTo("data.columns must be an array");
        assertThat(new String(outcome.body(), StandardCharsets.UTF_8)).isEqualTo("data.columns must be an array");
        assertThat(lambda.metrics().malformedEvents()).isEqualTo(malformed + 1);
    }

    @Test
    void aSplitEventRunsOnceWhenItsLastPartArrivesInAnyOrder() {
        String big = "x".repeat(200_000);
        CloudEvent whole = TestEvents.insert(5, 1, 9, big, "1");
        List<CloudEvent> parts = EventParts.split(whole, 64_000);
        assertThat(parts).hasSize(4);
        long before = lambda.metrics().invocations();

        assertThat(lambda.handle(parts.get(2)).kind()).isEqualTo(Outcome.Kind.PART_HELD);
        assertThat(lambda.handle(parts.get(0)).status()).isEqualTo(202);
        assertThat(lambda.handle(parts.get(0)).status()).as("a duplicate part").isEqualTo(202);
        assertThat(lambda.handle(parts.get(3)).status()).isEqualTo(202);
        Outcome outcome = lambda.handle(parts.get(1));

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.REPLIED);
        assertThat(new String(outcome.reply().getData().toBytes()))
                .isEqualTo("{\"customer\":200000,\"id\":\"" + whole.getId() + "\"}");
        assertThat(outcome.reply().getId()).isEqualTo(whole.getId());
        assertThat(lambda.metrics().invocations()).isEqualTo(before + 1);
    }

    @Test
    void partsOfAFailedEventAreKeptSoTheRetriedLastPartCompletesItAgain() {
        AtomicInteger calls = new AtomicInteger();
        try (PgLambda flaky = PgLambda.java((change, event) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("target down");
            }
            return Reply.of("test.size", EventCodec.JSON.getNodeFactory().numberNode(change.after().path("customer").asText().length()));
        }, PgLambdaOptions.defaults())) {
            List<CloudEvent> parts = EventParts.split(TestEvents.insert(6, 1, 9, "y".repeat(100_000), "1"), 64_000);

            assertThat(flaky.handle(parts.get(0)).status()).isEqualTo(202);
            Outcome failed = flaky.handle(parts.get(1));
            Outcome retried = flaky.handle(parts.get(1));

            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.retried()).isTrue();
            assertThat(failed.error()).contains("target down");
            assertThat(retried.kind()).isEqualTo(Outcome.Kind.REPLIED);
            assertThat(new String(retried.reply().getData().toBytes())).isEqualTo("100000");
        }
    }

    @Test
    void partsThatDoNotJoinAreRefused() {
        List<CloudEvent> parts = EventParts.split(TestEvents.insert(7, 1, 9, "z".repeat(100_000), "1"), 64_000);
        CloudEvent wrongCount = CloudEventBuilder.from(parts.get(1)).withExtension(EventAttributes.PART_COUNT, "3").build();

        assertThat(lambda.handle(parts.get(0)).status()).isEqualTo(202);
        Outcome outcome = lambda.handle(wrongCount);

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.error()).contains("does not belong to", "disagree on their count");
    }

    @Test
    void incompleteEventsBeyondTheMemoryBoundAreEvictedAndCounted() {
        PgLambdaOptions small = PgLambdaOptions.defaults().withParts(150_000, Duration.ofMinutes(10));
        try (PgLambda bounded = PgLambda.java((change, event) -> null, small)) {
            for (int i = 0; i < 3; i++) {
                List<CloudEvent> parts = EventParts.split(TestEvents.insert(8, 1 + i, 9, "w".repeat(100_000), "1"), 64_000);
                assertThat(bounded.handle(parts.get(0)).status()).isEqualTo(202);
            }
            assertThat(bounded.metrics().partsEvicted()).isEqualTo(1);
        }
    }

    @Test
    void metricsCountRunsByOutcome() {
        try (PgLambda counted = PgLambda.java((change, event) -> change.op() == Op.DELETE ? null : Reply.of("test.x", null),
                PgLambdaOptions.defaults())) {
            counted.handle(TestEvents.insert(1, 1, 7, "ann", "1"));
            counted.handle(TestEvents.delete(2, 1, 7));
            counted.handle(TestEvents.transactionEnd(2, 1));

            assertThat(counted.metrics().invocations(Outcome.Kind.REPLIED)).isEqualTo(1);
            assertThat(counted.metrics().invocations(Outcome.Kind.ACKNOWLEDGED)).isEqualTo(2);
            assertThat(counted.metrics().invocations()).isEqualTo(3);
        }
    }

    @Test
    void lambdasSharingARegistryAreToldApartByTheirTags() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PgLambdaOptions shared = PgLambdaOptions.defaults().withMeters(registry);
        try (PgLambda orders = PgLambda.java((change, event) -> null, shared.withTags(Tags.of("stream", "orders")));
             PgLambda audit = PgLambda.java((change, event) -> null, shared.withTags(Tags.of("stream", "audit")))) {
            orders.handle(TestEvents.insert(1, 1, 7, "ann", "1"));
            orders.handle(TestEvents.insert(2, 1, 8, "bob", "1"));
            audit.handle(TestEvents.insert(3, 1, 9, "carl", "1"));

            assertThat(registry.get("sgstream.pglambda.invocations").tag("stream", "orders").counters())
                    .extracting(c -> c.count()).contains(2.0);
            assertThat(registry.get("sgstream.pglambda.invocations").tag("stream", "audit").counters())
                    .extracting(c -> c.count()).contains(1.0);
            assertThat(orders.metrics().invocations()).isEqualTo(2);
        }
    }
}
