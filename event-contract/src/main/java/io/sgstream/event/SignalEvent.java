package io.sgstream.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * A signal placed in stream order, e.g. {@code command} ({@code {"command": "SQL"}}) or {@code tombstone}: it is
 * the only event of its transaction, so a consumer acts on it exactly between the changes before and after it.
 *
 * @param data the signal's JSON value (the annotation value for annotation signals)
 */
public record SignalEvent(StreamId stream, String epoch, Position position, String name, JsonNode data)
        implements StreamEvent {

    public static final String TOMBSTONE = "tombstone";
    public static final String COMMAND = "command";
    /** Sets an SGCluster target's sequences to the source's values at the signal's position; streaming goes on. */
    public static final String SYNC_SEQUENCES = "sync-sequences";

    public SignalEvent {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(position, "position");
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new MalformedEventException("invalid signal name '" + name + "'");
        }
    }

    @Override
    public String id() {
        return StreamEvent.id(epoch, position.txSeq(), Long.toString(position.seq()));
    }

    @Override
    public String type() {
        return EventTypes.signal(name);
    }
}
