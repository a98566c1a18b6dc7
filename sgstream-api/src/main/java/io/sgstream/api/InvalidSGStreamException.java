package io.sgstream.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An SGStream that cannot be used as written. The message lists every violation, one per line, each with the path
 * of the field it concerns, so a user can fix them all in one go; {@link #violations()} gives them to code.
 */
public class InvalidSGStreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public InvalidSGStreamException(String origin, List<Violation> violations) {
        super(message(origin, violations));
        this.violations = List.copyOf(violations);
    }

    /** The violations, in the order they were found (document order for structural problems). */
    public List<Violation> violations() {
        return violations;
    }

    private static String message(String origin, List<Violation> violations) {
        String count = violations.size() == 1 ? "1 problem" : violations.size() + " problems";
        return "Invalid SGStream " + origin + " (" + count + "):" + violations.stream()
                .map(v -> "\n  - " + v)
                .collect(Collectors.joining());
    }
}
