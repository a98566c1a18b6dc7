package io.sgstream.signals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.sgstream.api.SGStream;
import io.sgstream.api.status.SignalStatus;
import java.net.HttpURLConnection;
import java.util.Optional;

/**
 * Writes {@code status.signals.<name>} of a stream. Other components write other parts of the status at the same
 * time, so the write is a JSON merge patch of that one entry (nothing else in the status is touched), made on the
 * version that was read (its resourceVersion is a precondition): when the API server answers 409 Conflict the
 * stream is read again and the entry written on the new version, unless someone recorded it meanwhile.
 */
public final class SignalStatusRecorder {

    static final int MAX_ATTEMPTS = 10;

    private final KubernetesClient client;

    public SignalStatusRecorder(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Records {@code signal} as handled.
     *
     * @param read the stream as last read from the API server
     * @return the stream as written, or null when it no longer exists
     */
    public SGStream record(SGStream read, PendingSignal signal) {
        Resource<SGStream> resource = client.resources(SGStream.class)
                .inNamespace(read.getMetadata().getNamespace()).withName(read.getMetadata().getName());
        SGStream current = read;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (current == null) {
                return null;
            }
            SignalStatus entry = signal.status();
            SignalStatus recorded = Optional.ofNullable(current.getStatus()).map(s -> s.getSignals())
                    .map(s -> s.get(signal.name())).orElse(null);
            if (entry.equals(recorded)) {
                return current; // someone (the controller, another delivery) recorded it already
            }
            try {
                return resource.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                        patch(current.getMetadata().getResourceVersion(), signal.name(), entry));
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                current = resource.get();
            }
        }
        throw new KubernetesClientException("status of SGStream " + read.getMetadata().getNamespace() + "/"
                + read.getMetadata().getName() + " changed under us " + MAX_ATTEMPTS + " times in a row; "
                + "signal " + signal.requestId() + " will be recorded on the next attempt");
    }

    private String patch(String resourceVersion, String name, SignalStatus entry) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("metadata").put("resourceVersion", resourceVersion);
        ObjectNode value = patch.putObject("status").putObject("signals").putObject(name);
        value.put("requestId", entry.getRequestId());
        // null in a merge patch removes the field: a value sent after an earlier rejection clears the reason
        value.put("rejected", entry.getRejected());
        return patch.toString();
    }
}
