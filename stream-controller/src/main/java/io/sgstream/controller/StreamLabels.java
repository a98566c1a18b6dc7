package io.sgstream.controller;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.sgstream.api.SGStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels and owner reference every object made for a stream carries: the labels find them ({@code kubectl get
 * all -l sgstream.io/stream=<name>}), the owner reference makes Kubernetes delete them with the stream.
 */
public final class StreamLabels {

    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String PART_OF_VALUE = "sgstream";
    public static final String STREAM = "sgstream.io/stream";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "sgstream-controller";

    private StreamLabels() {
    }

    /** The labels of {@code component} (capture, apply, pglambda, signals) of {@code stream}. */
    public static Map<String, String> of(SGStream stream, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PART_OF, PART_OF_VALUE);
        labels.put(STREAM, stream.getMetadata().getName());
        labels.put(COMPONENT, component);
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        return labels;
    }

    /** Only the labels that select {@code component}'s pods (a Deployment's selector cannot change). */
    public static Map<String, String> selector(SGStream stream, String component) {
        return Map.of(STREAM, stream.getMetadata().getName(), COMPONENT, component);
    }

    /**
     * The stream as controlling owner. {@code blockOwnerDeletion} keeps foreground deletion of the stream waiting
     * for its objects (it needs {@code update} on {@code sgstreams/finalizers}, granted in the ClusterRole).
     */
    public static OwnerReference ownerReference(SGStream stream) {
        return new OwnerReferenceBuilder().withApiVersion(SGStream.API_VERSION).withKind(SGStream.KIND)
                .withName(stream.getMetadata().getName()).withUid(stream.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }
}
