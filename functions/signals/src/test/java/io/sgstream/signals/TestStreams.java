package io.sgstream.signals;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreamCrd;
import io.sgstream.api.SGStreams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** The example SGStreams of knative/examples, created in a (mock) cluster. */
public final class TestStreams {

    public static final String NAMESPACE = "shop";

    private TestStreams() {
    }

    /** Installs the SGStream CRD, so the API server knows its status subresource. */
    public static void installCrd(KubernetesClient client) {
        client.apiextensions().v1().customResourceDefinitions().resource(SGStreamCrd.load()).createOr(r -> r.update());
    }

    /** {@code knative/examples/<file>}, in {@link #NAMESPACE}. */
    public static SGStream example(String file) {
        Path dir = Path.of(System.getProperty("sgstream.knative.dir", "../../knative"), "examples");
        try {
            SGStream stream = SGStreams.fromFile(dir.resolve(file));
            stream.getMetadata().setNamespace(NAMESPACE);
            return stream;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the example and returns it as the API server stored it. */
    public static SGStream create(KubernetesClient client, String file) {
        return client.resource(example(file)).create();
    }

    /**
     * Sets an annotation the way {@code kubectl annotate --overwrite} does: a merge patch of that one annotation, without
     * a resourceVersion, so a controller updating the stream at the same moment cannot make it fail with a conflict.
     * Returns the stream as stored.
     */
    public static SGStream annotate(KubernetesClient client, SGStream stream, String key, String value) {
        String patch = Serialization.asJson(Map.of("metadata", Map.of("annotations", Map.of(key, value))));
        return client.resources(SGStream.class).inNamespace(stream.getMetadata().getNamespace())
                .withName(stream.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    public static SGStream read(KubernetesClient client, SGStream stream) {
        return client.resources(SGStream.class).inNamespace(stream.getMetadata().getNamespace())
                .withName(stream.getMetadata().getName()).get();
    }
}
