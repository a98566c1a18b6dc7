package io.sgstream.apply.staging;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.sgstream.apply.ApplyException;
import io.sgstream.event.EventAttributes;
import io.sgstream.event.EventCodec;
import io.sgstream.event.MalformedEventException;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;

/**
 * Turns a staged row back into a contract event. Only the data and the position were stored; the CloudEvent is
 * rebuilt around them and read with {@link EventCodec}, so staged events are decoded by exactly the rules
 * delivered ones are.
 */
public final class StagedEventDecoder {

    private StagedEventDecoder() {
    }

    public static StreamEvent decode(StreamId stream, String epoch, long txSeq, long seq, EventKind kind, String type,
                                     byte[] data) {
        String id = StreamEvent.id(epoch, txSeq, kind == EventKind.END ? "end" : Long.toString(seq));
        CloudEventBuilder b = CloudEventBuilder.v1()
                .withId(id)
                .withSource(stream.source())
                .withType(type)
                .withExtension(EventAttributes.EPOCH, epoch)
                .withExtension(EventAttributes.TXSEQ, Long.toString(txSeq))
                .withData("application/json", data);
        if (kind != EventKind.END) {
            b.withExtension(EventAttributes.SEQ, Long.toString(seq));
        }
        try {
            return EventCodec.fromCloudEvent(b.build());
        } catch (MalformedEventException e) {
            // Only a split event can get here (whole events were decoded on arrival): its joined parts are bad.
            throw new ApplyException("staged event " + id + " of stream " + stream + " cannot be decoded: " + e.getMessage(), e);
        }
    }
}
