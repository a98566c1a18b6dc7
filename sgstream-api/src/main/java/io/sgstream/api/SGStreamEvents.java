package io.sgstream.api;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A Kubernetes Event about an SGStream, as the controller and the capture service record them (shown by
 * {@code kubectl describe sgstream}): a unique name per occurrence, the stream as involved object, the recording
 * component and its instance.
 */
public final class SGStreamEvents {

    private SGStreamEvents() {
    }

    /**
     * @param uid             the stream's uid, null when unknown
     * @param resourceVersion the stream's version the Event is about, null when unknown
     */
    public static Event event(String namespace, String name, String uid, String resourceVersion, String type,
                              String reason, String message, String component, String instance, Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        return new EventBuilder()
                .withNewMetadata()
                .withName(name + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                .withNamespace(namespace)
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(SGStream.API_VERSION).withKind(SGStream.KIND)
                .withName(name).withNamespace(namespace)
                .withUid(uid).withResourceVersion(resourceVersion)
                .endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message)
                .withNewSource().withComponent(component).endSource()
                .withReportingComponent(component).withReportingInstance(instance)
                .withFirstTimestamp(time).withLastTimestamp(time).withCount(1)
                .build();
    }
}
