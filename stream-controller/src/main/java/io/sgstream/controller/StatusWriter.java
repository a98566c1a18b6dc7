package io.sgstream.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreamStatus;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes the controller's part of a stream's status ({@code conditions}, {@code failure}) as a JSON patch (RFC
 * 6902) of the status subresource that also sets {@code metadata.resourceVersion} to the version read: the other
 * parts (metrics written by the capture service, {@code signals}) are not touched, and if the stream changed since
 * it was read the API server answers 409, after which it is read again and the conditions computed again. (A JSON
 * merge patch would do too on a real API server, but fabric8's mock appends lists instead of replacing them.)
 * Nothing is written when nothing changed, so a resync costs no write.
 */
final class StatusWriter {

    static final int MAX_ATTEMPTS = 10;

    private final KubernetesClient client;
    private final Clock clock;

    StatusWriter(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** @return the stream after the write (or as read when nothing changed), null when it no longer exists */
    SGStream write(SGStream read, Verdict verdict) {
        Resource<SGStream> resource = client.resources(SGStream.class)
                .inNamespace(read.getMetadata().getNamespace()).withName(read.getMetadata().getName());
        SGStream current = read;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && current != null; attempt++) {
            String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
            SGStreamStatus next = StreamConditions.next(current.getStatus(), verdict, now);
            if (!StreamConditions.differ(current.getStatus(), next)) {
                return current;
            }
            try {
                return resource.subresource("status").patch(PatchContext.of(PatchType.JSON), patch(current, next));
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                current = resource.get();
            }
        }
        if (current == null) {
            return null;
        }
        throw new KubernetesClientException("status of SGStream " + read.getMetadata().getNamespace() + "/"
                + read.getMetadata().getName() + " kept changing; it is written on the next reconciliation");
    }

    private String patch(SGStream current, SGStreamStatus next) {
        ArrayNode ops = JsonNodeFactory.instance.arrayNode();
        ops.addObject().put("op", "replace").put("path", "/metadata/resourceVersion")
                .put("value", current.getMetadata().getResourceVersion());
        JsonNode conditions = client.getKubernetesSerialization().convertValue(next.getConditions(), JsonNode.class);
        if (current.getStatus() == null) {
            ObjectNode status = ops.addObject().put("op", "add").put("path", "/status").putObject("value");
            status.set("conditions", conditions);
            if (next.getFailure() != null) {
                status.put("failure", next.getFailure());
            }
            return ops.toString();
        }
        ops.addObject().put("op", "add").put("path", "/status/conditions").set("value", conditions);
        if (next.getFailure() != null) {
            ops.addObject().put("op", "add").put("path", "/status/failure").put("value", next.getFailure());
        } else if (current.getStatus().getFailure() != null) {
            ops.addObject().put("op", "remove").put("path", "/status/failure");
        }
        return ops.toString();
    }
}
