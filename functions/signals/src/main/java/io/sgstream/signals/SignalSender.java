package io.sgstream.signals;

import io.sgstream.event.SignalRequest;

/** Delivers a signal request to the stream's capture service (through the Broker). */
@FunctionalInterface
public interface SignalSender {

    /**
     * Returns once the request is accepted (any 2xx: a Broker answers 202 after storing it).
     *
     * @throws SignalDeliveryException when it was not accepted; sending the same request again is safe
     */
    void send(SignalRequest request);
}
