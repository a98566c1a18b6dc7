package io.sgstream.broker.filter;

/**
 * Outcome of a filter, with Knative's three states (pkg/eventfilter/filter.go). The broker only drops an event for a
 * Trigger on {@link #FAIL}: {@link #NO_FILTER} (nothing to check) delivers like {@link #PASS}.
 */
public enum FilterResult {
    PASS,
    FAIL,
    NO_FILTER;

    /** True unless the filter explicitly failed: what the Knative broker filter delivers on. */
    public boolean delivers() {
        return this != FAIL;
    }
}
