package io.sgstream.event;

/**
 * An event that does not follow the contract and never will: consumers answer it with a 4xx (no retry) and the
 * message as the reason, and change nothing.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
