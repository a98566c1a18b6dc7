package io.sgstream.apply.state;

import io.sgstream.event.StreamId;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last state this process saw per stream. Only ever used to drop work early: the mark only moves forward
 * (within an epoch, and epochs only grow), so an event that is past an old copy of the state is past the real
 * one too. Decisions that need the truth re-read the row under the stream lock.
 */
public final class StreamStateCache {

    private final Map<StreamId, StreamState> states = new ConcurrentHashMap<>();

    public StreamState get(StreamId stream) {
        return states.get(stream);
    }

    public void put(StreamState state) {
        states.put(state.stream(), state);
    }

    public Collection<StreamState> all() {
        return states.values();
    }
}
