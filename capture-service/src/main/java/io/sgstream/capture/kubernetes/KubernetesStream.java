package io.sgstream.capture.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreamValidator;
import io.sgstream.api.StreamNames;
import io.sgstream.api.secret.SecretResolver;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The SGStream this capture service captures, read from the Kubernetes API ({@code sgstream.name} and
 * {@code sgstream.namespace}, i.e. {@code SGSTREAM_NAME}/{@code SGSTREAM_NAMESPACE}), with its Secrets and its status.
 */
public final class KubernetesStream implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final boolean ownsClient;

    public KubernetesStream(KubernetesClient client, String namespace, String name) {
        this(client, namespace, name, false);
    }

    private KubernetesStream(KubernetesClient client, String namespace, String name, boolean ownsClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
        this.ownsClient = ownsClient;
    }

    /**
     * A client configured as usual (in a pod: its service account), for stream {@code name} in {@code namespace},
     * or else in the client's namespace (the pod's), or else {@code default}.
     */
    public static KubernetesStream connect(Optional<String> namespace, String name) {
        KubernetesClient client = new KubernetesClientBuilder().build();
        String ns = namespace.filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(client.getNamespace()))
                .orElse(StreamNames.DEFAULT_NAMESPACE);
        return new KubernetesStream(client, ns, name, true);
    }

    /**
     * Reads and validates the SGStream.
     *
     * @throws IllegalStateException when it does not exist
     * @throws io.sgstream.api.InvalidSGStreamException listing every problem when it is not valid
     */
    public SGStream read() {
        SGStream stream = client.resources(SGStream.class).inNamespace(namespace).withName(name).get();
        if (stream == null) {
            throw new IllegalStateException("SGStream " + namespace + "/" + name + " (sgstream.name, "
                    + "sgstream.namespace) does not exist or this service account cannot read it");
        }
        return SGStreamValidator.requireValid(stream);
    }

    /** The stream's Secrets, from its namespace. */
    public SecretResolver secrets() {
        return new KubernetesSecretResolver(client, namespace);
    }

    public CaptureStatusWriter statusWriter() {
        return new CaptureStatusWriter(client, namespace, name, Clock.systemUTC());
    }

    public KubernetesClient client() {
        return client;
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "SGStream " + namespace + "/" + name;
    }
}
