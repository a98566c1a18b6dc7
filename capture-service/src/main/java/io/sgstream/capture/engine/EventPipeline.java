package io.sgstream.capture.engine;

import io.cloudevents.CloudEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.sgstream.capture.sink.EventSink;
import io.sgstream.event.EventCodec;
import io.sgstream.event.EventParts;
import io.sgstream.event.SignalEvent;
import io.sgstream.event.StreamEvent;
import org.apache.kafka.connect.source.SourceRecord;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The engine's change consumer: each Debezium record is numbered by the {@link TransactionSequencer}, each
 * resulting event written as a CloudEvent ({@link EventCodec}), split if it is larger than the limit
 * ({@link EventParts}) and sent; every part is tracked until the sink acknowledges it. Commit points go to the
 * {@link AckTracker}; the {@link OffsetCommitter} commits them once acknowledged. Nothing here marks records
 * processed itself.
 *
 * <p>{@link EventSink#send} blocks while the sink's window is full: that is the back-pressure on the engine.
 */
public final class EventPipeline implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>>,
        TransactionSequencer.Output {

    /** What the pipeline reports while it runs. */
    public interface Listener {
        void emitted(StreamEvent event, int parts);

        void deliveryFailed(Throwable error);

        /** A signal requested as {@code requestId} was numbered and sent as {@code event}. */
        default void signalPlaced(String requestId, SignalEvent event) {
        }
    }

    private final EventSink sink;
    private final int maxEventBytes;
    private final AckTracker tracker;
    private final OffsetCommitter committer;
    private final Listener listener;
    private TransactionSequencer sequencer;
    private volatile boolean accepting = true;
    private volatile Throwable failure;

    public EventPipeline(EventSink sink, int maxEventBytes, AckTracker tracker, OffsetCommitter committer,
                         Listener listener) {
        this.sink = sink;
        this.maxEventBytes = maxEventBytes;
        this.tracker = tracker;
        this.committer = committer;
        this.listener = listener;
    }

    void sequencer(TransactionSequencer sequencer) {
        this.sequencer = sequencer;
    }

    /** Stops sending: records after this point are left unprocessed and uncommitted, for the next run. */
    public void stopAccepting() {
        accepting = false;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> recordCommitter) {
        committer.attach(recordCommitter);
        for (RecordChangeEvent<SourceRecord> record : records) {
            if (failure != null) {
                throw new DeliveryFailedException(failure);
            }
            if (!accepting) {
                return;
            }
            sequencer.accept(new ChangeRecord(record.record()), record);
        }
    }

    @Override
    public void event(StreamEvent event) {
        CloudEvent ce = EventCodec.toCloudEvent(event);
        List<CloudEvent> parts = EventParts.split(ce, maxEventBytes);
        for (CloudEvent part : parts) {
            AckTracker.Segment segment = tracker.track();
            CompletableFuture<Void> sent;
            try {
                sent = sink.send(part);
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((ok, error) -> {
                if (error == null) {
                    tracker.acknowledged(segment);
                } else {
                    tracker.failed(segment);
                    fail(error);
                }
            });
        }
        listener.emitted(event, parts.size());
    }

    @Override
    public void signal(String requestId, SignalEvent event) {
        listener.signalPlaced(requestId, event);
    }

    @Override
    public void boundary(Object commitToken, StreamPosition position) {
        tracker.close(commitToken, position);
    }

    private void fail(Throwable error) {
        if (failure == null && accepting) {
            failure = error;
            listener.deliveryFailed(error);
        }
    }

    /** Thrown into the engine to stop it after an event could not be delivered. */
    public static final class DeliveryFailedException extends RuntimeException {
        DeliveryFailedException(Throwable cause) {
            super("an event could not be delivered: " + cause.getMessage(), cause);
        }
    }
}
