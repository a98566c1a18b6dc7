package io.sgstream.pglambda;

/** The user function could not handle an event; the Broker retries it and eventually dead-letters it. */
public class FunctionFailure extends Exception {

    public enum Reason {
        /** The function threw (or its reply was invalid). */
        ERROR,
        /** The function ran past its time limit and was stopped. */
        TIMEOUT,
        /** The function exceeded its memory or statement budget and was stopped. */
        LIMIT
    }

    private final Reason reason;

    public FunctionFailure(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public FunctionFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
