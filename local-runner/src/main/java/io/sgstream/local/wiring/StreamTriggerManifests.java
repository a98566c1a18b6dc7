package io.sgstream.local.wiring;

import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilterBuilder;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1.TriggerBuilder;
import io.sgstream.api.SGStream;
import io.sgstream.api.StreamNames;
import io.sgstream.broker.trigger.KnativeManifests;
import io.sgstream.event.EventTypes;

import java.util.List;
import java.util.Map;

/**
 * The Triggers of a stream, built from the SGStream for streams that have no manifest file under
 * {@code knative/local/}: the same filters as the stream controller's {@code StreamTriggers} (stream events: the
 * stream's {@code source} exactly, {@code type} prefix {@code io.sgstream.}, not {@code io.sgstream.control.};
 * signal requests: {@code type io.sgstream.control.signal} and the stream's source).
 */
public final class StreamTriggerManifests {

    static final String CONTROL_TYPE_PREFIX = EventTypes.PREFIX + "control.";
    public static final String BROKER = "sgstream";

    private StreamTriggerManifests() {
    }

    /** {@code <stream>-<suffix>}: the stream's events to the subscriber of that name; and its signal requests. */
    public static KnativeManifests forStream(SGStream stream, String suffix, DeliverySpec delivery) {
        String name = StreamNames.name(stream);
        return new KnativeManifests(List.of(
                trigger(stream, name + "-" + suffix, streamEvents(stream), name + "-" + suffix, delivery),
                trigger(stream, name + "-signals", signalRequests(stream), name + "-capture", null)), List.of());
    }

    static List<SubscriptionsAPIFilter> streamEvents(SGStream stream) {
        return List.of(
                new SubscriptionsAPIFilterBuilder().withExact(Map.of("source", source(stream))).build(),
                new SubscriptionsAPIFilterBuilder().withPrefix(Map.of("type", EventTypes.PREFIX)).build(),
                new SubscriptionsAPIFilterBuilder().withNot(new SubscriptionsAPIFilterBuilder()
                        .withPrefix(Map.of("type", CONTROL_TYPE_PREFIX)).build()).build());
    }

    static List<SubscriptionsAPIFilter> signalRequests(SGStream stream) {
        return List.of(
                new SubscriptionsAPIFilterBuilder().withExact(Map.of("type", EventTypes.SIGNAL_REQUEST)).build(),
                new SubscriptionsAPIFilterBuilder().withExact(Map.of("source", source(stream))).build());
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

    private static String source(SGStream stream) {
        return StreamNames.cloudEventSource(stream).toString();
    }
}
