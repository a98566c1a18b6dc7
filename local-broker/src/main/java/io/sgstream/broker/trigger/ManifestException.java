package io.sgstream.broker.trigger;

/** A manifest file that cannot be read or does not map onto the Knative model; names the file and document. */
public final class ManifestException extends IllegalArgumentException {

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
