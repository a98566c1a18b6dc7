package io.sgstream.signals;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sgstream.api.SGStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts once on each value of each signal annotation of an SGStream: sends a signal request to the stream (or
 * rejects a value that can never work), and only then records it in {@code status.signals}.
 *
 * <p>Why in this order, and why it is safe: a crash after sending and before recording sends the same request
 * again, with the same id (derived from the annotation value), which the capture service recognises as one it
 * already placed. Recording first could lose a signal. All state is in the SGStream status, so a new instance (a
 * restarted function, the controller on resync) continues where another stopped.
 *
 * <p>The stream given is only a hint (an ApiServerSource event may be old or redelivered out of order): when it
 * shows a pending signal, the stream is read again and only what is still pending is acted on.
 */
public final class AnnotationSignals {

    private static final Logger LOG = LoggerFactory.getLogger(AnnotationSignals.class);

    private final KubernetesClient client;
    private final SignalSender sender;
    private final SignalStatusRecorder recorder;

    public AnnotationSignals(KubernetesClient client, SignalSender sender) {
        this.client = client;
        this.sender = sender;
        this.recorder = new SignalStatusRecorder(client);
    }

    /**
     * Handles the pending signals of the stream {@code observed} stands for.
     *
     * @return the signals sent or rejected, in order; empty when nothing was pending
     * @throws SignalDeliveryException when a request was not accepted (the caller retries; nothing is lost)
     */
    public List<PendingSignal> process(SGStream observed) {
        if (SignalAnnotations.pending(observed).isEmpty()) {
            return List.of(); // the common case (status updates): no API call at all
        }
        return processCurrent(observed.getMetadata().getNamespace(), observed.getMetadata().getName());
    }

    /** Reads the stream and handles its pending signals (for events that carry only a reference). */
    public List<PendingSignal> processCurrent(String namespace, String name) {
        SGStream current = client.resources(SGStream.class).inNamespace(namespace).withName(name).get();
        List<PendingSignal> handled = new ArrayList<>();
        if (current == null) {
            return handled;
        }
        for (PendingSignal signal : SignalAnnotations.pending(current)) {
            if (signal.isRejected()) {
                LOG.warn("SGStream {}/{}: {}", namespace, name, signal.rejected());
            } else {
                sender.send(signal.request());
                LOG.info("SGStream {}/{}: signal {} requested ({})", namespace, name, signal.name(), signal.requestId());
            }
            current = recorder.record(current, signal);
            handled.add(signal);
            if (current == null) {
                break; // deleted meanwhile: nothing left to record
            }
        }
        return handled;
    }
}
