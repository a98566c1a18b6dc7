package io.sgstream.broker;

import io.cloudevents.CloudEvent;
import io.sgstream.broker.delivery.DeliveryOutcome;
import io.sgstream.broker.delivery.Reply;
import io.sgstream.broker.delivery.SubscriberRegistry;
import io.sgstream.broker.testing.RecordingSink;
import io.sgstream.broker.testing.Responder;
import io.sgstream.broker.testing.Resources;
import io.sgstream.broker.trigger.TriggerLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.sgstream.broker.testing.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Knative's retry, dead-letter and response rules with the delivery specs of {@code /triggers/delivery.yaml}. */
class DeliverySemanticsTest {

    private final RecordingSink sink = new RecordingSink();
    private final List<CloudEvent> inProcessCalls = new CopyOnWriteArrayList<>();
    private final AtomicInteger inProcessFailuresLeft = new AtomicInteger();
    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private LocalBroker broker;

    @BeforeEach
    void start() {
        SubscriberRegistry registry = new SubscriberRegistry();
        for (String name : List.of("retry-then-accept", "rejects-400", "always-503", "drops-without-dls",
                "answers-plain-body", "slow", "broker-default-delivery", "structured-format", "dls", "broker-dls")) {
            registry.register(name, sink.url("/" + name));
        }
        registry.register("in-process", event -> {
            inProcessCalls.add(event);
            if (inProcessFailuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("database unavailable");
            }
            return Reply.accepted();
        });
        broker = LocalBroker.builder()
                .manifests(TriggerLoader.load(Resources.path("/triggers/delivery.yaml")))
                .subscribers(registry)
                .build();
    }

    @AfterEach
    void stop() {
        slowRelease.countDown();
        broker.close();
        sink.close();
    }

    @Test
    void retriesA500UntilTheSubscriberAccepts() {
        sink.respond("/retry-then-accept", Responder.sequence(500, 202));

        DispatchReport report = broker.publish(event("r1", "test.retry"));

        assertThat(report.outcome("retry-then-accept")).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(sink.ids("/retry-then-accept")).containsExactly("r1", "r1");
        TriggerStats stats = broker.stats().trigger("retry-then-accept");
        assertThat(stats.retried()).isEqualTo(1);
        assertThat(stats.delivered()).isEqualTo(1);
        assertThat(stats.deadLettered()).isZero();
    }

    @Test
    void retriesEveryRetryableStatusButNoOther() {
        sink.respond("/retry-then-accept", Responder.sequence(404, 408, 409, 202));
        broker.publish(event("r2", "test.retry"));
        assertThat(sink.ids("/retry-then-accept")).hasSize(4);

        sink.respond("/rejects-400", Responder.sequence(429, 403));
        broker.publish(event("r3", "test.bad"));
        assertThat(sink.ids("/rejects-400")).as("429 retried, 403 final").hasSize(2);
    }

    @Test
    void a400IsNotRetriedAndGoesToTheDeadLetterSinkWithKnativeErrorAttributes() {
        sink.respond("/rejects-400", Responder.status(400, "bad payload: missing key"));

        DispatchReport report = broker.publish(event("bad1", "test.bad"));

        assertThat(report.outcome("rejects-400")).isEqualTo(DeliveryOutcome.DEAD_LETTERED);
        assertThat(sink.ids("/rejects-400")).containsExactly("bad1");
        assertThat(sink.received("/dls")).singleElement().satisfies(dead -> {
            assertThat(dead.event().getId()).isEqualTo("bad1");
            assertThat(dead.event().getType()).isEqualTo("test.bad");
            assertThat(dead.event().getExtension("knativeerrordest"))
                    .isEqualTo(sink.url("/rejects-400").toString());
            assertThat(dead.event().getExtension("knativeerrorcode")).isEqualTo("400");
            assertThat(new String(Base64.getDecoder().decode(
                    (String) dead.event().getExtension("knativeerrordata")), StandardCharsets.UTF_8))
                    .isEqualTo("bad payload: missing key");
        });
        assertThat(broker.stats().trigger("rejects-400").deadLettered()).isEqualTo(1);
        assertThat(broker.stats().trigger("rejects-400").retried()).isZero();
    }

    @Test
    void exhaustedRetriesDeadLetterAfterRetryPlusOneAttempts() {
        sink.respond("/always-503", Responder.status(503, "x".repeat(2000)));

        DispatchReport report = broker.publish(event("u1", "test.unavailable"));

        assertThat(report.outcome("always-503")).isEqualTo(DeliveryOutcome.DEAD_LETTERED);
        assertThat(sink.ids("/always-503")).hasSize(3);
        assertThat(sink.received("/dls")).singleElement().satisfies(dead -> {
            assertThat(dead.event().getExtension("knativeerrorcode")).isEqualTo("503");
            assertThat((String) dead.event().getExtension("knativeerrordata")).hasSize(1024);
        });
        assertThat(broker.stats().trigger("always-503").retried()).isEqualTo(2);
    }

    @Test
    void withoutDeadLetterSinkTheEventIsDroppedButStillAcknowledged() {
        sink.respond("/drops-without-dls", Responder.status(500));

        DispatchReport report = broker.publish(event("d1", "test.drop"));

        assertThat(report.outcome("drops-without-dls")).isEqualTo(DeliveryOutcome.DROPPED);
        // retry 1 without backoffPolicy: retried at once, as Knative does
        assertThat(sink.ids("/drops-without-dls")).hasSize(2);
        assertThat(broker.stats().trigger("drops-without-dls").dropped()).isEqualTo(1);
    }

    @Test
    void aNonEmptyBodyThatIsNotACloudEventIsAFailureAndRetried() {
        AtomicInteger calls = new AtomicInteger();
        Responder plainOk = Responder.status(200, "ok");
        sink.respond("/answers-plain-body", request -> calls.incrementAndGet() <= 2
                ? plainOk.respond(request) : Responder.status(204).respond(request));

        DispatchReport report = broker.publish(event("b1", "test.body"));

        assertThat(report.outcome("answers-plain-body")).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(sink.ids("/answers-plain-body")).hasSize(3);
        assertThat(broker.stats().trigger("answers-plain-body").retried()).isEqualTo(2);
    }

    @Test
    void inProcessSubscribersFollowTheSameStatusRules() {
        inProcessFailuresLeft.set(2);

        DispatchReport report = broker.publish(event("p1", "test.inprocess", "/s", "count", "3"));

        assertThat(report.outcome("in-process")).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(inProcessCalls).extracting(CloudEvent::getId).containsExactly("p1", "p1", "p1");
        assertThat(inProcessCalls.get(0).getExtension("count")).isEqualTo("3");
        assertThat(broker.stats().trigger("in-process").retried()).isEqualTo(2);
    }

    @Test
    void aTimedOutRequestIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        sink.respond("/slow", request -> {
            if (calls.incrementAndGet() == 1) {
                // hold the first attempt past the 0.3 s delivery timeout; released when the test ends
                slowRelease.await(30, TimeUnit.SECONDS);
            }
            return Responder.status(202).respond(request);
        });

        DispatchReport report = broker.publish(event("s1", "test.slow"));

        assertThat(report.outcome("slow")).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(calls).hasValue(2);
        assertThat(broker.stats().trigger("slow").retried()).isEqualTo(1);
    }

    @Test
    void aTriggerWithoutDeliveryUsesTheBrokersWhole() {
        sink.respond("/broker-default-delivery", Responder.status(500));

        DispatchReport report = broker.publish(event("bd1", "test.brokerdefault"));

        assertThat(report.outcome("broker-default-delivery")).isEqualTo(DeliveryOutcome.DEAD_LETTERED);
        assertThat(sink.ids("/broker-default-delivery")).hasSize(2);
        assertThat(sink.ids("/broker-dls")).containsExactly("bd1");
        assertThat(sink.ids("/dls")).isEmpty();
    }

    @Test
    void formatJsonDeliversInStructuredMode() {
        broker.publish(event("j1", "test.structured"));

        assertThat(sink.received("/structured-format")).singleElement().satisfies(received -> {
            assertThat(received.header("Content-Type")).startsWith("application/cloudevents+json");
            assertThat(received.header("ce-id")).isNull();
            assertThat(received.event().getId()).isEqualTo("j1");
        });
    }
}
