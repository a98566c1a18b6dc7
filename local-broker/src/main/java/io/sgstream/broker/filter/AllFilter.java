package io.sgstream.broker.filter;

import io.cloudevents.CloudEvent;

import java.util.List;

/**
 * Passes when no contained filter fails (knative/eventing subscriptionsapi/all_filter.go). Like Knative it returns
 * the last result when nothing failed, so an empty list, or one of "no filter" results, yields {@code NO_FILTER}.
 */
public final class AllFilter implements EventFilter {

    private final List<EventFilter> filters;

    private AllFilter(List<EventFilter> filters) {
        this.filters = filters;
    }

    /** Knative returns a single filter unwrapped; the result is the same either way. */
    public static EventFilter of(List<EventFilter> filters) {
        return filters.size() == 1 ? filters.get(0) : new AllFilter(List.copyOf(filters));
    }

    @Override
    public FilterResult filter(CloudEvent event) {
        FilterResult result = FilterResult.NO_FILTER;
        for (EventFilter filter : filters) {
            result = filter.filter(event);
            if (result == FilterResult.FAIL) {
                return FilterResult.FAIL;
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "all" + filters;
    }
}
