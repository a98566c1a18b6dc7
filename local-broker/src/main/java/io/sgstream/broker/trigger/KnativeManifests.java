package io.sgstream.broker.trigger;

import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The eventing resources found in a set of manifests: every Trigger, and the Brokers (whose {@code spec.delivery}
 * is the default delivery of their Triggers). Other kinds are ignored.
 */
public record KnativeManifests(List<Trigger> triggers, List<Broker> brokers) {

    public KnativeManifests {
        triggers = List.copyOf(triggers);
        brokers = List.copyOf(brokers);
    }

    public static KnativeManifests empty() {
        return new KnativeManifests(List.of(), List.of());
    }

    public KnativeManifests plus(KnativeManifests other) {
        List<Trigger> t = new ArrayList<>(triggers);
        t.addAll(other.triggers);
        List<Broker> b = new ArrayList<>(brokers);
        b.addAll(other.brokers);
        return new KnativeManifests(t, b);
    }

    /** The Broker with this name, if a manifest declares it. */
    public Optional<Broker> broker(String name) {
        return brokers.stream().filter(b -> b.getMetadata() != null && name.equals(b.getMetadata().getName()))
                .findFirst();
    }
}
