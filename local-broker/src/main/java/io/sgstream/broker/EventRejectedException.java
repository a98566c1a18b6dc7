package io.sgstream.broker;

import io.sgstream.broker.http.HttpStatusCarrier;

/**
 * The ingress refused an event (HTTP 400): a required attribute is empty, or its {@code knativebrokerttl} is spent.
 * Retrying the same event cannot succeed.
 */
public final class EventRejectedException extends IllegalArgumentException implements HttpStatusCarrier {

    public EventRejectedException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 400;
    }
}
