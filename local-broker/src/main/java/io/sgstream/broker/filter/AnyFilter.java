package io.sgstream.broker.filter;

import io.cloudevents.CloudEvent;

import java.util.List;

/**
 * Passes when a contained filter passes (knative/eventing subscriptionsapi/any_filter.go). Otherwise it returns the
 * last result, as Knative does: {@code FAIL} unless the last filter had nothing to check.
 */
public final class AnyFilter implements EventFilter {

    private final List<EventFilter> filters;

    private AnyFilter(List<EventFilter> filters) {
        this.filters = filters;
    }

    public static EventFilter of(List<EventFilter> filters) {
        return filters.size() == 1 ? filters.get(0) : new AnyFilter(List.copyOf(filters));
    }

    @Override
    public FilterResult filter(CloudEvent event) {
        FilterResult result = FilterResult.NO_FILTER;
        for (EventFilter filter : filters) {
            result = filter.filter(event);
            if (result == FilterResult.PASS) {
                return FilterResult.PASS;
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "any" + filters;
    }
}
