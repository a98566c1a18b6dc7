package io.sgstream.api.secret;

/** A Secret, or a key in it, that a stream refers to does not exist. The message says where it was looked for. */
public class SecretNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecretNotFoundException(String message) {
        super(message);
    }
}
