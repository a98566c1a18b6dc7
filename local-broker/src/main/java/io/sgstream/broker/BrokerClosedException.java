package io.sgstream.broker;

import io.sgstream.broker.http.HttpStatusCarrier;

/**
 * The broker shut down before the event was dispatched (HTTP 503): it was not acknowledged, so the producer must
 * send it again (to this broker after a restart, or elsewhere).
 */
public final class BrokerClosedException extends IllegalStateException implements HttpStatusCarrier {

    public BrokerClosedException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 503;
    }
}
