package io.sgstream.api;

import java.util.Objects;

/**
 * One problem found in an SGStream: where ({@code path}, e.g. {@code spec.target.cloudEvent.http.url} or
 * {@code spec.source.postgres.includes[1]}; empty for the document as a whole) and what is wrong with it.
 */
public record Violation(String path, String message) {

    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** Whether this violation is about {@code otherPath} or something inside it. */
    boolean covers(String otherPath) {
        return !path.isEmpty() && (otherPath.equals(path) || otherPath.startsWith(path + ".")
                || otherPath.startsWith(path + "["));
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
