package io.sgstream.controller;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sgstream.api.SGStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
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
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(stream.getMetadata().getName() + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                .withNamespace(stream.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(SGStream.API_VERSION).withKind(SGStream.KIND)
                .withName(stream.getMetadata().getName()).withNamespace(stream.getMetadata().getNamespace())
                .withUid(stream.getMetadata().getUid()).withResourceVersion(stream.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT).withReportingInstance(instance)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(stream.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("could not record event {} for SGStream {}/{}: {}", reason, stream.getMetadata().getNamespace(),
                    stream.getMetadata().getName(), e.getMessage());
        }
    }
}
