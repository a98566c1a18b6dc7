package io.sgstream.controller;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreamEvents;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events about a stream, with StackGres's reasons, shown by {@code kubectl describe sgstream}. An Event
 * that cannot be written is logged and otherwise ignored: it is information, not state.
 */
final class StreamEvents {

    static final String CREATED = "StreamCreated";
    static final String UPDATED = "StreamUpdated";
    static final String FAILED = "StreamFailed";
    static final String COMPONENT = "sgstream-controller";

    private static final Logger LOG = LoggerFactory.getLogger(StreamEvents.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final String instance;

    StreamEvents(KubernetesClient client, Clock clock, String instance) {
        this.client = client;
        this.clock = clock;
        this.instance = instance;
    }

    void normal(SGStream stream, String reason, String message) {
        emit(stream, "Normal", reason, message);
    }

    void warning(SGStream stream, String reason, String message) {
        emit(stream, "Warning", reason, message);
    }

    private void emit(SGStream stream, String type, String reason, String message) {
        Event event = SGStreamEvents.event(stream.getMetadata().getNamespace(), stream.getMetadata().getName(),
                stream.getMetadata().getUid(), stream.getMetadata().getResourceVersion(), type, reason, message,
                COMPONENT, instance, Instant.now(clock));
        try {
            client.v1().events().inNamespace(stream.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("could not record event {} for SGStream {}/{}: {}", reason, stream.getMetadata().getNamespace(),
                    stream.getMetadata().getName(), e.getMessage());
        }
    }
}
