package io.sgstream.broker.filter;

import io.cloudevents.CloudEvent;

/**
 * The {@code cesql} dialect with Knative's rule (knative/eventing subscriptionsapi/cesql_filter.go): the event
 * passes only when the evaluation raised no error and produced {@code true}. Any evaluation error (missing
 * attribute, failed cast, division by zero...) fails the filter, even under {@code NOT}: {@code NOT (x > 1)} with a
 * non-numeric {@code x} does not pass.
 */
public final class CesqlFilter implements EventFilter {

    private final CesqlExpression expression;

    public CesqlFilter(CesqlExpression expression) {
        this.expression = expression;
    }

    @Override
    public FilterResult filter(CloudEvent event) {
        // Go asserts the result to bool; a non-boolean expression cannot select events, so it fails here.
        return expression.matches(event) ? FilterResult.PASS : FilterResult.FAIL;
    }

    @Override
    public String toString() {
        return "cesql(" + expression + ")";
    }
}
