package io.sgstream.local.wiring;

import io.fabric8.knative.eventing.v1.Trigger;
import io.sgstream.broker.delivery.Reply;
import io.sgstream.broker.delivery.SubscriberRegistry;
import io.sgstream.broker.trigger.KnativeManifests;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Subscribers the Trigger manifests name but nothing on this machine implements (a user's own service): they
 * acknowledge and count what they receive, like Knative's event-display sample.
 */
public final class EventDisplay {

    private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();

    public static EventDisplay registerMissing(KnativeManifests manifests, SubscriberRegistry subscribers) {
        EventDisplay display = new EventDisplay();
        for (Trigger t : manifests.triggers()) {
            var ref = t.getSpec() == null || t.getSpec().getSubscriber() == null ? null : t.getSpec().getSubscriber().getRef();
            if (ref != null && subscribers.lookup(ref.getName()).isEmpty()) {
                String name = ref.getName();
                AtomicLong count = display.received.computeIfAbsent(name, n -> new AtomicLong());
                subscribers.register(name, event -> {
                    count.incrementAndGet();
                    return Reply.accepted();
                });
            }
        }
        return display;
    }

    public void report(PrintStream out) {
        new TreeMap<>(received).forEach((name, count) -> out.printf("  %s (event display) received %,d events%n", name, count.get()));
    }
}
