package io.sgstream.local.wiring;

import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1.TriggerBuilder;
import io.sgstream.api.SGStream;
import io.sgstream.api.StreamNames;
import io.sgstream.broker.trigger.KnativeManifests;
import io.sgstream.controller.StreamTriggers;

import java.util.List;

/**
 * The Triggers of a stream, built from the SGStream for streams that have no manifest file under
 * {@code knative/local/}: the stream controller's filters ({@link StreamTriggers}), subscribers named as the
 * controller names its Services.
 */
public final class StreamTriggerManifests {

    public static final String BROKER = "sgstream";

    private StreamTriggerManifests() {
    }

    /** {@code <stream>-<suffix>}: the stream's events to the subscriber of that name; and its signal requests. */
    public static KnativeManifests forStream(SGStream stream, String suffix, DeliverySpec delivery) {
        String name = StreamNames.name(stream);
        return new KnativeManifests(List.of(
                trigger(stream, name + "-" + suffix, StreamTriggers.streamEvents(stream), name + "-" + suffix, delivery),
                trigger(stream, name + "-signals", StreamTriggers.signalRequests(stream), name + "-capture", null)), List.of());
    }

    /**
     * Only the signal requests' Trigger: what the stream controller makes for a CloudEvent target, whose events the
     * capture service posts to the endpoint itself.
     */
    public static KnativeManifests signalsOnly(SGStream stream) {
        return new KnativeManifests(List.of(trigger(stream, StreamNames.name(stream) + "-signals",
                StreamTriggers.signalRequests(stream), StreamNames.name(stream) + "-capture", null)), List.of());
    }

    private static Trigger trigger(SGStream stream, String name, List<SubscriptionsAPIFilter> filters, String subscriber,
                                   DeliverySpec delivery) {
        return new TriggerBuilder()
                .withNewMetadata().withName(name).withNamespace(StreamNames.namespace(stream)).endMetadata()
                .withNewSpec()
                .withBroker(BROKER)
                .withFilters(filters)
                .withNewSubscriber().withNewRef().withApiVersion("v1").withKind("Service").withName(subscriber)
                .endRef().endSubscriber()
                .withDelivery(delivery)
                .endSpec()
                .build();
    }
}
