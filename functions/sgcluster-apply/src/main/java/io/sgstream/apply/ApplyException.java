package io.sgstream.apply;

/**
 * A permanent reason why a stream cannot be applied further (schema drift, a table without key and without a full
 * before-image, a failing command, an event that breaks the contract once joined). The stream stops with this
 * message in its status; its staged events stay staged until the cause is fixed and the stream resumes.
 */
public class ApplyException extends RuntimeException {

    public ApplyException(String message) {
        super(message);
    }

    public ApplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
