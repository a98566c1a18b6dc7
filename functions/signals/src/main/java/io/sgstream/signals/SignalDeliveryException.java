package io.sgstream.signals;

/** A signal request that was not accepted; it is sent again on the next attempt, with the same id. */
public class SignalDeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SignalDeliveryException(String message) {
        super(message);
    }

    public SignalDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
