package io.sgstream.broker.filter;

import io.cloudevents.CloudEvent;

/**
 * Inverts a filter (knative/eventing subscriptionsapi/not_filter.go): pass becomes fail and fail becomes pass;
 * "no filter" (including a contained filter Knative had to skip) stays "no filter", i.e. delivers.
 */
public final class NotFilter implements EventFilter {

    private final EventFilter inner;

    /** @param inner the negated filter, or null when Knative could not build it */
    public NotFilter(EventFilter inner) {
        this.inner = inner;
    }

    @Override
    public FilterResult filter(CloudEvent event) {
        if (inner == null) {
            return FilterResult.NO_FILTER;
        }
        switch (inner.filter(event)) {
            case PASS:
                return FilterResult.FAIL;
            case FAIL:
                return FilterResult.PASS;
            default:
                return FilterResult.NO_FILTER;
        }
    }

    @Override
    public String toString() {
        return "not(" + inner + ")";
    }
}
