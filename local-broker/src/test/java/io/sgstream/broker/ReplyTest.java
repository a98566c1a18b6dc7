package io.sgstream.broker;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.sgstream.broker.delivery.Reply;
import io.sgstream.broker.delivery.SubscriberRegistry;
import io.sgstream.broker.testing.RecordingSink;
import io.sgstream.broker.testing.Responder;
import io.sgstream.broker.testing.Resources;
import io.sgstream.broker.trigger.KnativeManifests;
import io.sgstream.broker.trigger.TriggerLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import static io.sgstream.broker.testing.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Reply events with the Triggers of {@code /triggers/replies.yaml}. */
class ReplyTest {

    private static final KnativeManifests MANIFESTS = TriggerLoader.load(Resources.path("/triggers/replies.yaml"));

    private final RecordingSink sink = new RecordingSink();
    private final AtomicInteger echoes = new AtomicInteger();
    private LocalBroker broker;

    @AfterEach
    void stop() {
        broker.close();
        sink.close();
    }

    @Test
    void aReplyIsRepublishedAndReachesAnotherTriggerBeforeTheOriginalIsAcknowledged() {
        broker = broker(255);
        sink.respond("/enricher", Responder.replyBinary(ReplyTest::enriched));
        sink.respond("/structured-enricher", Responder.replyStructured(ReplyTest::enriched));

        broker.publish(event("o1", "order.created", "/orders", "knativebrokerttl", "7"));
        broker.publish(event("o2", "order.imported", "/orders"));

        assertThat(sink.ids("/enricher")).containsExactly("o1");
        assertThat(sink.ids("/structured-enricher")).containsExactly("o2");
        assertThat(sink.received("/enriched-consumer")).extracting(r -> r.event().getId())
                .containsExactlyInAnyOrder("o1-enriched", "o2-enriched");
        assertThat(sink.received("/enriched-consumer")).allSatisfy(r -> {
            assertThat(r.event().getType()).isEqualTo("order.enriched");
            assertThat(r.header("ce-knativebrokerttl")).isNull();
        });
        assertThat(broker.stats().trigger("enricher").replies()).isEqualTo(1);
        assertThat(broker.stats().trigger("enriched-consumer").delivered()).isEqualTo(2);
        assertThat(broker.stats().accepted()).as("replies are not ingress events").isEqualTo(2);
    }

    @Test
    void aReplyLoopStopsWhenKnativeBrokerTtlIsSpent() {
        broker = broker(5);

        DispatchReport report = broker.publish(event("ping", "loop.ping", "/loop"));

        // TTL 5 on entry; each reply gets its parent's TTL minus one; the reply that would carry 0 is dropped
        assertThat(echoes).hasValue(5);
        assertThat(report.matchedTriggers()).containsExactly("echo");
        assertThat(broker.stats().repliesExpired()).isEqualTo(1);
        assertThat(broker.stats().trigger("echo").replies()).isEqualTo(5);
        assertThat(broker.stats().trigger("echo").inFlight()).isZero();
    }

    @Test
    void anEventArrivingWithATtlContinuesItsBudget() {
        broker = broker(255);

        broker.publish(event("ping2", "loop.ping", "/loop", "knativebrokerttl", "3"));

        assertThat(echoes).hasValue(2);
    }

    private LocalBroker broker(int maxTtl) {
        SubscriberRegistry registry = new SubscriberRegistry()
                .register("enricher", sink.url("/enricher"))
                .register("structured-enricher", sink.url("/structured-enricher"))
                .register("enriched-consumer", sink.url("/enriched-consumer"))
                .register("echo", event -> Reply.withEvent(CloudEventBuilder.v1(event)
                        .withId(event.getId() + "-" + echoes.incrementAndGet()).build()));
        return LocalBroker.builder().manifests(MANIFESTS).subscribers(registry).maxTtl(maxTtl).build();
    }

    private static CloudEvent enriched(CloudEvent in) {
        return CloudEventBuilder.v1(in).withId(in.getId() + "-enriched").withType("order.enriched")
                .withSource(URI.create("/enricher")).build();
    }
}
