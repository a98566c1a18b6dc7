package io.sgstream.signals;

import io.sgstream.event.StreamId;
import java.net.URI;
import java.util.Objects;

/** Where the signal requests of a stream go: the Broker its signal Trigger is attached to. */
@FunctionalInterface
public interface SignalDestination {

    /**
     * The URL to POST the requests of {@code stream} to.
     *
     * @throws SignalDeliveryException when it is not known (yet), e.g. the Broker is not ready
     */
    URI uriFor(StreamId stream);

    /** Always {@code uri}: {@code K_SINK} of a SinkBinding, for streams of the namespace the Broker is in. */
    static SignalDestination fixed(URI uri) {
        Objects.requireNonNull(uri, "uri");
        return stream -> uri;
    }
}
