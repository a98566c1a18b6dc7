package io.sgstream.capture.sink;

/**
 * Why an event can never be delivered by the sink. The capture stops without committing past the event, so a restart
 * replays it: nothing is skipped silently. Messages never contain credentials.
 */
public final class SinkDeliveryException extends RuntimeException {

    /** The failure classes, also the {@code reason} tag of {@code sgstream_sink_events_failed_total}. */
    public enum Reason {
        /** The sink answered a 4xx that Knative does not retry (400, 401, 403, 413...): the event is poison. */
        REJECTED("rejected"),
        /** {@code retryLimit} retries were spent on transient failures. */
        RETRY_LIMIT("retry_limit"),
        /** The event cannot be written as an HTTP request (e.g. a header value outside ISO-8859-1). */
        INVALID_EVENT("invalid_event"),
        /** The sink was closed (or the sending thread interrupted) before the event was acknowledged. */
        CLOSED("closed");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final Reason reason;
    private final String eventId;
    private final int statusCode;

    SinkDeliveryException(Reason reason, String eventId, int statusCode, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.eventId = eventId;
        this.statusCode = statusCode;
    }

    public Reason reason() {
        return reason;
    }

    public String eventId() {
        return eventId;
    }

    /** The last HTTP status received for the event, or -1 when the last attempt got no response. */
    public int statusCode() {
        return statusCode;
    }
}
