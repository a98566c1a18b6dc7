package io.sgstream.signals;

import io.sgstream.api.status.SignalStatus;
import io.sgstream.event.SignalRequest;

/**
 * An annotation signal whose current value has not been acted on yet: either a request to send to the stream, or
 * a rejection to record (the value can never be acted on, so it is recorded instead of retried).
 *
 * @param name      the signal, the annotation name after {@code debezium-signal.stackgres.io/}
 * @param requestId the id that marks this value as handled in {@code status.signals}
 * @param request   what to send; null when rejected
 * @param rejected  why it is not sent; null when sent
 */
public record PendingSignal(String name, String requestId, SignalRequest request, String rejected) {

    static PendingSignal send(SignalRequest request) {
        return new PendingSignal(request.name(), request.id(), request, null);
    }

    static PendingSignal reject(String name, String requestId, String why) {
        return new PendingSignal(name, requestId, null, why);
    }

    public boolean isRejected() {
        return rejected != null;
    }

    /** What {@code status.signals.<name>} records once this signal is handled. */
    public SignalStatus status() {
        return SignalStatus.of(requestId, rejected);
    }
}
