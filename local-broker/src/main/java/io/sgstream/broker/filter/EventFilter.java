package io.sgstream.broker.filter;

import io.cloudevents.CloudEvent;

/** A compiled Trigger filter. Implementations are immutable and thread safe: one instance serves every event. */
@FunctionalInterface
public interface EventFilter {

    FilterResult filter(CloudEvent event);

    /** The filter of a Trigger without filters: Knative delivers every event to it. */
    static EventFilter none() {
        return event -> FilterResult.NO_FILTER;
    }
}
