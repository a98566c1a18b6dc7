package io.sgstream.broker.delivery;

/** A Destination whose ref names nothing in the {@link SubscriberRegistry}. */
public final class UnresolvedDestinationException extends IllegalStateException {

    private final String description;

    public UnresolvedDestinationException(String description, String message) {
        super(message);
        this.description = description;
    }

    /** How the destination reads in {@code knativeerrordest}, e.g. {@code ref:Service/orders-sink}. */
    public String description() {
        return description;
    }
}
