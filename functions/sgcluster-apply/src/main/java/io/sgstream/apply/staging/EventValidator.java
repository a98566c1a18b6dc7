package io.sgstream.apply.staging;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.sgstream.apply.signals.SequenceValue;
import io.sgstream.event.EventAttributes;
import io.sgstream.event.EventCodec;
import io.sgstream.event.EventParts;
import io.sgstream.event.EventTypes;
import io.sgstream.event.MalformedEventException;
import io.sgstream.event.SignalEvent;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.event.TransactionEnd;

/**
 * Checks a delivered CloudEvent against the contract before anything is written: a whole event is decoded with
 * {@link EventCodec}; a part of a split event has its attributes checked (position, part numbering, id) and is
 * decoded once all parts are staged. Signals this function acts on have their data checked too, because an
 * accepted event that fails later would stop the stream.
 */
public final class EventValidator {

    /**
     * @throws MalformedEventException with the reason (answered with 400, nothing written)
     */
    public IncomingEvent validate(CloudEvent ce) {
        if (EventParts.isPart(ce)) {
            return validatePart(ce);
        }
        StreamEvent event = EventCodec.fromCloudEvent(ce);
        byte[] data = ce.getData().toBytes();
        if (event instanceof TransactionEnd end) {
            return new IncomingEvent(end.stream(), end.id(), end.epoch(), end.txSeq(), end.position().seq(),
                    EventKind.END, 0, 1, end.eventCount(), ce.getType(), data, end);
        }
        EventKind kind = EventKind.CHANGE;
        if (event instanceof SignalEvent signal) {
            checkSignal(signal);
            kind = EventKind.SIGNAL;
        }
        return new IncomingEvent(event.stream(), event.id(), event.epoch(), event.position().txSeq(),
                event.position().seq(), kind, 0, 1, null, ce.getType(), data, event);
    }

    /** Rejects the signals this function executes when their data could never be executed. */
    static void checkSignal(SignalEvent signal) {
        if (SignalEvent.COMMAND.equals(signal.name())) {
            JsonNode command = signal.data() == null ? null : signal.data().get("command");
            if (command == null || !command.isTextual() || command.asText().isBlank()) {
                throw new MalformedEventException("command signal " + signal.id()
                        + " needs data {\"command\": \"<SQL>\"}, was " + signal.data());
            }
        } else if (SignalEvent.TOMBSTONE.equals(signal.name()) || SignalEvent.SYNC_SEQUENCES.equals(signal.name())) {
            SequenceValue.fromSignal(signal.data());
        }
    }

    private static IncomingEvent validatePart(CloudEvent ce) {
        StreamId stream = StreamId.fromSource(ce.getSource());
        String type = ce.getType();
        EventKind kind;
        if (EventTypes.CHANGE.equals(type)) {
            kind = EventKind.CHANGE;
        } else if (type.startsWith(EventTypes.SIGNAL_PREFIX)
                && type.substring(EventTypes.SIGNAL_PREFIX.length()).matches("[a-z][a-z0-9-]*")) {
            kind = EventKind.SIGNAL;
        } else if (EventTypes.TRANSACTION.equals(type)) {
            throw new MalformedEventException("event " + ce.getId() + ": a transaction end is small and never split");
        } else {
            throw new MalformedEventException("unknown type '" + type + "'");
        }
        String epoch = text(ce, EventAttributes.EPOCH);
        long txSeq = number(ce, EventAttributes.TXSEQ);
        long seq = number(ce, EventAttributes.SEQ);
        if (txSeq < 0 || seq < 1) {
            throw new MalformedEventException("part " + ce.getId() + " has an invalid position " + txSeq + "/" + seq);
        }
        String whole = StreamEvent.id(epoch, txSeq, Long.toString(seq));
        if (!whole.equals(EventParts.wholeId(ce))) {
            throw new MalformedEventException("part " + ce.getId() + " is part of '" + EventParts.wholeId(ce)
                    + "' but its position makes it '" + whole + "'");
        }
        int count = EventParts.partCount(ce);
        int index = (int) number(ce, EventAttributes.PART_INDEX);
        if (count < 2 || index < 1 || index > count) {
            throw new MalformedEventException("part " + ce.getId() + ": index " + index + " of " + count);
        }
        if (!ce.getId().equals(whole + "#" + index)) {
            throw new MalformedEventException("part id '" + ce.getId() + "' must be '" + whole + "#" + index + "'");
        }
        if (ce.getData() == null || ce.getData().toBytes().length == 0) {
            throw new MalformedEventException("part " + ce.getId() + " has no data");
        }
        return new IncomingEvent(stream, ce.getId(), epoch, txSeq, seq, kind, index, count, null, type,
                ce.getData().toBytes(), null);
    }

    private static String text(CloudEvent ce, String name) {
        Object v = ce.getExtension(name);
        if (v == null || v.toString().isEmpty()) {
            throw new MalformedEventException("missing extension attribute '" + name + "'");
        }
        return v.toString();
    }

    private static long number(CloudEvent ce, String name) {
        String v = text(ce, name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new MalformedEventException("extension attribute '" + name + "' must be a number, was '" + v + "'");
        }
    }
}
