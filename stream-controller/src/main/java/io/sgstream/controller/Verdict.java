package io.sgstream.controller;

/**
 * What the controller found out about a stream, the part of its status the controller is responsible for:
 * whether the stream could be realized (its spec valid, what it refers to present) and whether its capture service
 * is up. Failures found at run time and completion are the capture service's to report.
 */
sealed interface Verdict {

    /** {@code reason} of a Failed condition for a spec that breaks the rules; nothing is created. */
    String INVALID_SPEC = "InvalidSpec";
    /** {@code reason} of a Failed condition for an SGCluster, Secret or ConfigMap that does not exist. */
    String DEPENDENCY_NOT_FOUND = "DependencyNotFound";

    record Rejected(String reason, String message) implements Verdict {
    }

    record Realized(String captureService, boolean captureAvailable) implements Verdict {
    }

    static Rejected invalidSpec(String message) {
        return new Rejected(INVALID_SPEC, message);
    }

    static Rejected dependencyNotFound(String message) {
        return new Rejected(DEPENDENCY_NOT_FOUND, message);
    }

    /** Whether a Failed condition with this reason was set by the controller (and is its to clear). */
    static boolean isOwnFailure(String reason) {
        return INVALID_SPEC.equals(reason) || DEPENDENCY_NOT_FOUND.equals(reason);
    }
}
