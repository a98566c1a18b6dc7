package io.sgstream.apply;

/**
 * What became of one delivered event, and the HTTP answer it deserves under Knative's delivery rules (2xx ack,
 * 4xx other than 404/408/409/429 never retried, 5xx/429 retried).
 *
 * @param id     the event id, when it could be read
 * @param reason why it was refused, or null
 */
public record AcceptResult(Outcome outcome, String id, String reason) {

    public enum Outcome {
        /** Durably stored in the target's staging table; it will be applied in stream order. */
        STAGED(202),
        /** A snapshot row written to its table straight away (and remembered, so a duplicate is dropped). */
        APPLIED(202),
        /** Already staged or applied: nothing to do. */
        DUPLICATE(202),
        /** Behind the applied position or of an older epoch: nothing to do. */
        STALE(202),
        /** Breaks the event contract and never will be accepted. */
        REJECTED(400),
        /** Too many events waiting to be staged; retry later. */
        OVERLOADED(429),
        /** The target could not be reached or the transaction failed for a transient reason; retry. */
        UNAVAILABLE(503),
        /** An unexpected error: retried like a transient one, the reason says what to look at. */
        FAILED(500);

        private final int httpStatus;

        Outcome(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    public static AcceptResult of(Outcome outcome, String id) {
        return new AcceptResult(outcome, id, null);
    }

    public static AcceptResult refused(Outcome outcome, String id, String reason) {
        return new AcceptResult(outcome, id, reason);
    }

    /** The event is safe with us (or was never needed): the sender may forget it. */
    public boolean acknowledged() {
        return outcome.httpStatus < 300;
    }

    public int httpStatus() {
        return outcome.httpStatus;
    }
}
