package io.sgstream.broker.filter;

import io.cloudevents.CloudEvent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The {@code exact}, {@code prefix} and {@code suffix} dialects of Trigger {@code filters}: every listed attribute
 * must exist and its string value must match (knative/eventing pkg/eventfilter/subscriptionsapi/exact_filter.go,
 * prefix_filter.go, suffix_filter.go). Matching is case-sensitive.
 */
public final class AttributeMatchFilter implements EventFilter {

    /** The string dialects, each a predicate {@code (attributeValue, filterValue)}. */
    public enum Dialect {
        EXACT("exact", String::equals),
        PREFIX("prefix", String::startsWith),
        SUFFIX("suffix", String::endsWith);

        private final String fieldName;
        private final BiPredicate<String, String> matcher;

        Dialect(String fieldName, BiPredicate<String, String> matcher) {
            this.fieldName = fieldName;
            this.matcher = matcher;
        }

        /** The Trigger field naming this dialect, e.g. {@code exact}. */
        public String fieldName() {
            return fieldName;
        }
    }

    private final Dialect dialect;
    private final Map<String, String> expected;

    private AttributeMatchFilter(Dialect dialect, Map<String, String> expected) {
        this.dialect = dialect;
        this.expected = expected;
    }

    /**
     * The filter, or empty when an attribute name or value is empty: Knative's constructor refuses those
     * ("attribute and value can't be empty") and the broker then skips that filter instead of rejecting the Trigger.
     */
    public static Optional<EventFilter> of(Dialect dialect, Map<String, String> expected) {
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            if (isEmpty(entry.getKey()) || isEmpty(entry.getValue())) {
                return Optional.empty();
            }
        }
        return Optional.of(new AttributeMatchFilter(dialect, new LinkedHashMap<>(expected)));
    }

    @Override
    public FilterResult filter(CloudEvent event) {
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            Optional<String> actual = EventAttributes.lookup(event, entry.getKey());
            if (actual.isEmpty() || !dialect.matcher.test(actual.get(), entry.getValue())) {
                return FilterResult.FAIL;
            }
        }
        return FilterResult.PASS;
    }

    @Override
    public String toString() {
        return dialect.fieldName + expected;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
