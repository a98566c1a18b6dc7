package io.sgstream.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.sgstream.api.SGStream;
import io.sgstream.api.spec.TargetType;
import java.util.ArrayList;
import java.util.List;

/**
 * Every object a valid stream is realized as: the capture service (Deployment, ServiceAccount, Role, RoleBinding,
 * Service, SinkBinding), the target's function and Trigger, and the Trigger of its signal requests.
 */
public final class StreamResources {

    private StreamResources() {
    }

    /** The objects {@code stream} needs, each owned by it and labelled with it. */
    public static List<HasMetadata> desired(SGStream stream, ControllerSettings settings) {
        List<HasMetadata> objects = new ArrayList<>(CaptureResources.of(stream, settings));
        TargetType target = stream.getSpec().getTarget().targetType().orElseThrow();
        switch (target) {
            case SGCLUSTER -> objects.addAll(TargetResources.apply(stream, settings));
            case PG_LAMBDA -> objects.addAll(TargetResources.pgLambda(stream, settings));
            case CLOUD_EVENT -> {
                // delivered by the capture service itself to spec.target.cloudEvent.http.url
            }
        }
        objects.add(StreamTriggers.toCapture(stream, settings));
        return objects;
    }
}
