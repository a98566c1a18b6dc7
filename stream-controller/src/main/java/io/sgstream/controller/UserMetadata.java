package io.sgstream.controller;

import io.sgstream.api.SGStream;
import io.sgstream.api.spec.ResourceMetadata;
import io.sgstream.api.spec.StreamMetadata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code spec.metadata} of a stream, as StackGres applies it: {@code allResources} on every object made for the
 * stream, {@code pods} on the capture pods, {@code serviceAccount} on its ServiceAccount. The controller's own labels
 * are put last so a user label can never take over a selector.
 */
final class UserMetadata {

    private UserMetadata() {
    }

    /** {@code allResources} labels, then {@code own}. */
    static Map<String, String> labels(SGStream stream, Map<String, String> own) {
        return labels(stream, m -> null, own);
    }

    /** {@code allResources} annotations, then {@code own}. */
    static Map<String, String> annotations(SGStream stream, Map<String, String> own) {
        return annotations(stream, m -> null, own);
    }

    /** {@code allResources} and then {@code which} (pods, serviceAccount) labels, then {@code own}. */
    static Map<String, String> labels(SGStream stream, Function<ResourceMetadata, Map<String, String>> which,
            Map<String, String> own) {
        return merge(section(stream, StreamMetadata::getLabels, which), own);
    }

    /** {@code allResources} and then {@code which} (pods, serviceAccount) annotations, then {@code own}. */
    static Map<String, String> annotations(SGStream stream, Function<ResourceMetadata, Map<String, String>> which,
            Map<String, String> own) {
        return merge(section(stream, StreamMetadata::getAnnotations, which), own);
    }

    private static Map<String, String> section(SGStream stream, Function<StreamMetadata, ResourceMetadata> kind,
            Function<ResourceMetadata, Map<String, String>> which) {
        Map<String, String> result = new LinkedHashMap<>();
        Optional<ResourceMetadata> metadata = Optional.ofNullable(stream.getSpec().getMetadata()).map(kind);
        metadata.map(ResourceMetadata::getAllResources).ifPresent(result::putAll);
        metadata.map(which).ifPresent(result::putAll);
        return result;
    }

    static Map<String, String> merge(Map<String, String> user, Map<String, String> own) {
        Map<String, String> result = new LinkedHashMap<>(user);
        result.putAll(own);
        return result;
    }
}
