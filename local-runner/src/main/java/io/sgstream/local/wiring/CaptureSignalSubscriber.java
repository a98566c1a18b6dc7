package io.sgstream.local.wiring;

import io.cloudevents.CloudEvent;
import io.sgstream.broker.delivery.InProcessSubscriber;
import io.sgstream.broker.delivery.Reply;
import io.sgstream.capture.CaptureService;
import io.sgstream.event.MalformedEventException;
import io.sgstream.event.SignalEvent;
import io.sgstream.event.SignalRequest;

import java.util.concurrent.CompletableFuture;

/**
 * The capture service as the subscriber of the {@code <stream>-signals} Trigger: a signal request is placed into
 * the stream (durably, in the source's WAL) before it is acknowledged. After a tombstone is acknowledged by the
 * sink the capture stops and, unless the SGStream keeps them, drops its slot and publication.
 */
public final class CaptureSignalSubscriber implements InProcessSubscriber {

    private final CaptureService capture;
    private final boolean keepSlot;
    private final CompletableFuture<Void> tombstoned = new CompletableFuture<>();

    public CaptureSignalSubscriber(CaptureService capture, boolean keepSlot) {
        this.capture = capture;
        this.keepSlot = keepSlot;
    }

    /** Completes once a tombstone went through: the capture stopped and cleaned up. */
    public CompletableFuture<Void> tombstoned() {
        return tombstoned;
    }

    @Override
    public Reply handle(CloudEvent event) {
        SignalRequest request;
        try {
            request = SignalRequest.fromCloudEvent(event);
        } catch (MalformedEventException e) {
            return Reply.status(400, e.getMessage());
        }
        try {
            var acknowledged = capture.requestSignal(request);
            if (SignalEvent.TOMBSTONE.equals(request.name())) {
                // stop from another thread: the ack arrives on a delivery thread the stop waits for
                acknowledged.thenRunAsync(this::finish).exceptionally(e -> {
                    tombstoned.completeExceptionally(e);
                    return null;
                });
            }
            return Reply.accepted();
        } catch (IllegalStateException e) {
            return Reply.status(503, e.getMessage()); // not running (yet): the broker retries
        }
    }

    private void finish() {
        try {
            capture.stop();
            if (!keepSlot) {
                capture.dropSlotAndPublication();
            }
            tombstoned.complete(null);
        } catch (RuntimeException e) {
            tombstoned.completeExceptionally(e);
        }
    }
}
