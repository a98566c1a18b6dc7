package io.sgstream.broker.trigger;

/**
 * One validation error of a Knative resource, with the field path the Knative webhook would report.
 *
 * @param path    e.g. {@code spec.filters[2].cesql}
 * @param message what is wrong, e.g. {@code invalid CESQL expression "...": <parser error>}
 */
public record FieldError(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
