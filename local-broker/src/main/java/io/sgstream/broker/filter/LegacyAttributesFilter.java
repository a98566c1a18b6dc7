package io.sgstream.broker.filter;

import io.cloudevents.CloudEvent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The legacy {@code spec.filter.attributes} map (knative/eventing pkg/eventfilter/attributes/filter.go): every
 * attribute must match exactly; an empty filter value means "any value", but the attribute must then be present
 * <em>and non-empty</em> (an unset {@code subject} reads as "" and fails). Note that an unset {@code time} reads as
 * Go's zero time, so {@code time: ""} passes every event, as it does on Knative.
 */
public final class LegacyAttributesFilter implements EventFilter {

    /** Knative's {@code TriggerAnyFilter}. */
    private static final String ANY = "";

    private final Map<String, String> attributes;

    public LegacyAttributesFilter(Map<String, String> attributes) {
        this.attributes = attributes == null ? null : new LinkedHashMap<>(attributes);
    }

    @Override
    public FilterResult filter(CloudEvent event) {
        if (attributes == null) {
            return FilterResult.NO_FILTER;
        }
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            String wanted = entry.getValue() == null ? ANY : entry.getValue();
            Optional<String> actual = EventAttributes.lookup(event, entry.getKey());
            if (actual.isEmpty() || (ANY.equals(wanted) && actual.get().isEmpty())) {
                return FilterResult.FAIL;
            }
            if (!ANY.equals(wanted) && !wanted.equals(actual.get())) {
                return FilterResult.FAIL;
            }
        }
        return FilterResult.PASS;
    }

    @Override
    public String toString() {
        return "attributes" + attributes;
    }
}
