package io.sgstream.broker.filter;

import io.cloudevents.sql.EvaluationException;

import java.util.List;

/**
 * The outcome of evaluating a CESQL expression on one event. CESQL v1 always yields a value, even on error (the
 * zero value of the failed sub-expression's type), together with the errors that happened.
 *
 * @param value  a {@link Boolean}, {@link Integer} or {@link String}
 * @param errors evaluation errors, in the order they happened; empty on success
 */
public record CesqlResult(Object value, List<EvaluationException> errors) {

    public CesqlResult {
        errors = List.copyOf(errors);
    }

    public boolean failed() {
        return !errors.isEmpty();
    }

    /** The kind of the first error, or null when none (the CESQL TCK checks the first error). */
    public EvaluationException.ErrorKind firstErrorKind() {
        return errors.isEmpty() ? null : errors.get(0).getKind();
    }
}
