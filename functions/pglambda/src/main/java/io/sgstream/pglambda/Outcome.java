package io.sgstream.pglambda;

import io.cloudevents.CloudEvent;

import java.nio.charset.StandardCharsets;

/**
 * What handling one delivered event came to, with the meaning an HTTP answer has for a Knative Broker: any 2xx
 * acknowledges; 200 with a CloudEvent is a reply the Broker re-publishes; 4xx (other than 404, 408, 409, 429) is
 * never retried; 5xx is retried and then dead-lettered.
 *
 * @param kind   why the status is what it is
 * @param status HTTP status code
 * @param reply  the reply event (only with status 200), or null
 * @param error  why the event failed (4xx/5xx), or null
 */
public record Outcome(Kind kind, int status, CloudEvent reply, String error) {

    public enum Kind {
        /** The function ran and answered without a reply. */
        ACKNOWLEDGED,
        /** The function ran and emitted a reply event. */
        REPLIED,
        /** The function called {@code drop()}: acknowledged, nothing emitted. */
        DROPPED,
        /** A part of a split event, kept until its other parts arrive. */
        PART_HELD,
        /** The event breaks the contract; the function did not run. Never retried. */
        MALFORMED,
        /** The function answered an error status itself. */
        FUNCTION_STATUS,
        /** The function threw, failed to produce a valid reply, or hit a resource limit. Retried. */
        FAILED,
        /** The function ran past its time limit and was stopped. Retried. */
        TIMED_OUT
    }

    public static Outcome acknowledged(int status) {
        return new Outcome(Kind.ACKNOWLEDGED, status, null, null);
    }

    public static Outcome replied(CloudEvent reply) {
        return new Outcome(Kind.REPLIED, 200, reply, null);
    }

    public static Outcome dropped() {
        return new Outcome(Kind.DROPPED, 204, null, null);
    }

    public static Outcome partHeld() {
        return new Outcome(Kind.PART_HELD, 202, null, null);
    }

    public static Outcome malformed(String reason) {
        return new Outcome(Kind.MALFORMED, 400, null, reason);
    }

    public static Outcome functionStatus(int status, String body) {
        return new Outcome(Kind.FUNCTION_STATUS, status, null, body == null || body.isEmpty() ? "function answered " + status : body);
    }

    public static Outcome failed(String error) {
        return new Outcome(Kind.FAILED, 500, null, error);
    }

    public static Outcome timedOut(String error) {
        return new Outcome(Kind.TIMED_OUT, 500, null, error);
    }

    public boolean acknowledges() {
        return status >= 200 && status < 300;
    }

    /** Whether a Knative Broker retries this answer (404, 408, 409, 429, 5xx). */
    public boolean retried() {
        return status >= 500 || status == 404 || status == 408 || status == 409 || status == 429;
    }

    /** The HTTP body that goes with this outcome when it is not a reply: the error text, or nothing. */
    public byte[] body() {
        return error == null || acknowledges() ? new byte[0] : error.getBytes(StandardCharsets.UTF_8);
    }
}
