package io.sgstream.controller;

import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilterBuilder;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1.TriggerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.sgstream.api.SGStream;
import io.sgstream.api.StreamNames;
import io.sgstream.event.EventTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Triggers of a stream on its namespace's Broker. One filter dialect per list item (Knative rejects more), all
 * items must match:
 * <ul>
 * <li>stream events ({@code <stream>-apply} / {@code <stream>-pglambda}): {@code source} exactly the stream's,
 *     {@code type} starting with {@code io.sgstream.} (changes, transaction ends, in-stream signals), but not a
 *     control type ({@code io.sgstream.control.}: signal requests are for the capture service);</li>
 * <li>signal requests ({@code <stream>-signals}): {@code type io.sgstream.control.signal} and the stream's
 *     {@code source}, delivered to the capture service's Service.</li>
 * </ul>
 * The local runner routes with the same filters (its Triggers must equal these: {@code TriggerParityTest}).
 */
public final class StreamTriggers {

    /** Types that steer the stream rather than describe changes. */
    public static final String CONTROL_TYPE_PREFIX = EventTypes.PREFIX + "control.";
    static final String DELIVERY_ORDER_ANNOTATION = "kafka.eventing.knative.dev/delivery.order";

    private StreamTriggers() {
    }

    public static List<SubscriptionsAPIFilter> streamEvents(SGStream stream) {
        return List.of(
                new SubscriptionsAPIFilterBuilder().withExact(Map.of("source", source(stream))).build(),
                new SubscriptionsAPIFilterBuilder().withPrefix(Map.of("type", EventTypes.PREFIX)).build(),
                new SubscriptionsAPIFilterBuilder().withNot(new SubscriptionsAPIFilterBuilder()
                        .withPrefix(Map.of("type", CONTROL_TYPE_PREFIX)).build()).build());
    }

    public static List<SubscriptionsAPIFilter> signalRequests(SGStream stream) {
        return List.of(
                new SubscriptionsAPIFilterBuilder().withExact(Map.of("type", EventTypes.SIGNAL_REQUEST)).build(),
                new SubscriptionsAPIFilterBuilder().withExact(Map.of("source", source(stream))).build());
    }

    /** The stream's events to the Knative Service {@code service} (its apply or pglambda function). */
    static Trigger toFunction(SGStream stream, ControllerSettings settings, String name, String component,
            String service, DeliverySpec delivery) {
        ObjectMeta meta = CaptureResources.metadata(stream, name, component);
        settings.triggerDeliveryOrder().ifPresent(order -> {
            Map<String, String> annotations = new LinkedHashMap<>(meta.getAnnotations());
            annotations.put(DELIVERY_ORDER_ANNOTATION, order);
            meta.setAnnotations(annotations);
        });
        return new TriggerBuilder().withMetadata(meta)
                .withNewSpec()
                .withBroker(settings.brokerName())
                .withFilters(streamEvents(stream))
                .withNewSubscriber().withNewRef().withApiVersion("serving.knative.dev/v1").withKind("Service")
                .withName(service).endRef().endSubscriber()
                .withDelivery(delivery)
                .endSpec()
                .build();
    }

    /** Signal requests of the stream to its capture service's Service. */
    static Trigger toCapture(SGStream stream, ControllerSettings settings) {
        return new TriggerBuilder()
                .withMetadata(CaptureResources.metadata(stream, ResourceNames.signals(stream), ResourceNames.SIGNALS))
                .withNewSpec()
                .withBroker(settings.brokerName())
                .withFilters(signalRequests(stream))
                .withNewSubscriber().withNewRef().withApiVersion("v1").withKind("Service")
                .withName(ResourceNames.capture(stream)).endRef().endSubscriber()
                .endSpec()
                .build();
    }

    private static String source(SGStream stream) {
        return StreamNames.streamId(stream).source().toString();
    }
}
