package io.sgstream.capture.preflight;

/**
 * The source cannot be captured as configured. The message says what is wrong and how to fix it; {@link #problem()}
 * classifies it (e.g. for the SGStream status reason).
 */
public final class PreflightException extends RuntimeException {

    /** What the preflight found. */
    public enum Problem {
        UNREACHABLE, TLS, AUTHENTICATION, DATABASE_MISSING, UNSUPPORTED_VERSION, WAL_LEVEL, REPLICATION_PRIVILEGE,
        PUBLICATION_MISSING, PUBLICATION_PRIVILEGE, NOTHING_TO_CAPTURE, SLOT_MISMATCH, SLOT_IN_USE, SLOTS_EXHAUSTED,
        WAL_SENDERS_EXHAUSTED, OFFSET_STORE
    }

    private final Problem problem;

    public PreflightException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public PreflightException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
