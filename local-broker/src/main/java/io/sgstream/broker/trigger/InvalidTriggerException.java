package io.sgstream.broker.trigger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One or more Triggers the Knative admission webhook would reject; the message lists every error of every Trigger
 * with its field path, e.g. {@code Trigger default/orders rejected: spec.filters[2].cesql: invalid CESQL ...}.
 */
public final class InvalidTriggerException extends IllegalArgumentException {

    private final Map<String, List<FieldError>> errors;

    public InvalidTriggerException(String trigger, List<FieldError> errors) {
        this(Map.of(trigger, errors));
    }

    /** @param errors errors per Trigger ({@code namespace/name}), in the order to report them */
    public InvalidTriggerException(Map<String, List<FieldError>> errors) {
        super(message(errors));
        Map<String, List<FieldError>> copy = new LinkedHashMap<>();
        errors.forEach((trigger, list) -> copy.put(trigger, List.copyOf(list)));
        this.errors = copy;
    }

    /** {@code namespace/name} of the (first) rejected Trigger. */
    public String trigger() {
        return errors.keySet().iterator().next();
    }

    /** The errors of the (first) rejected Trigger. */
    public List<FieldError> errors() {
        return errors.values().iterator().next();
    }

    /** Every rejected Trigger with its errors. */
    public Map<String, List<FieldError>> errorsByTrigger() {
        return errors;
    }

    private static String message(Map<String, List<FieldError>> errors) {
        StringBuilder message = new StringBuilder();
        errors.forEach((trigger, list) -> {
            message.append(message.length() == 0 ? "" : "\n").append("Trigger ").append(trigger).append(" rejected:");
            list.forEach(error -> message.append("\n  ").append(error));
        });
        return message.toString();
    }
}
