package io.sgstream.capture.kubernetes;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreamEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Kubernetes Events the capture service records on its SGStream, with StackGres's reasons ({@code StreamStarted},
 * {@code StreamCompleted}, {@code StreamFailed}), shown by {@code kubectl describe sgstream}. An Event that cannot be
 * written is logged and otherwise ignored: it is information, not state.
 */
public final class CaptureEvents {

    public static final String STARTED = "StreamStarted";
    public static final String COMPLETED = "StreamCompleted";
    public static final String FAILED = "StreamFailed";
    static final String COMPONENT = "sgstream-capture";

    private static final Logger LOG = LoggerFactory.getLogger(CaptureEvents.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String instance;
    private final Clock clock;

    public CaptureEvents(KubernetesClient client, String namespace, String name, String instance, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
        this.instance = Objects.requireNonNull(instance, "instance");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void normal(String reason, String message) {
        emit("Normal", reason, message);
    }

    public void warning(String reason, String message) {
        emit("Warning", reason, message);
    }

    private void emit(String type, String reason, String message) {
        try {
            SGStream stream = client.resources(SGStream.class).inNamespace(namespace).withName(name).get();
            Event event = SGStreamEvents.event(namespace, name, stream == null ? null : stream.getMetadata().getUid(),
                    null, type, reason, message, COMPONENT, instance, Instant.now(clock));
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("could not record event {} for SGStream {}/{}: {}", reason, namespace, name, e.getMessage());
        }
    }
}
