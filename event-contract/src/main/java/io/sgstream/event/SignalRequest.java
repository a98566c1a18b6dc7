package io.sgstream.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Asks the capture service of {@code stream} to place signal {@code name} into its stream. {@code annotationValue}
 * is the raw annotation text the request came from; equal values give equal ids, so a request acted on once is
 * recognised when it is delivered again.
 */
public record SignalRequest(StreamId stream, String name, String annotationValue) {

    public SignalRequest {
        Objects.requireNonNull(stream, "stream");
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new MalformedEventException("invalid signal name '" + name + "'");
        }
        annotationValue = annotationValue == null ? "" : annotationValue;
    }

    public String id() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(annotationValue.getBytes(StandardCharsets.UTF_8));
            return name + "-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The annotation value as JSON ({@code {}} when empty, as StackGres treats an empty tombstone). */
    public JsonNode data() {
        if (annotationValue.isBlank()) {
            return EventCodec.JSON.createObjectNode();
        }
        try {
            return EventCodec.JSON.readTree(annotationValue);
        } catch (IOException e) {
            throw new MalformedEventException("signal '" + name + "': annotation value is not JSON: " + e.getMessage(), e);
        }
    }

    public CloudEvent toCloudEvent() {
        ObjectNode d = EventCodec.JSON.createObjectNode().put("signal", name).put("value", annotationValue);
        return CloudEventBuilder.v1().withId(id()).withSource(stream.source()).withType(EventTypes.SIGNAL_REQUEST)
                .withExtension(EventAttributes.STREAM, stream.name())
                .withDataContentType("application/json").withData(EventCodec.bytes(d)).build();
    }

    public static SignalRequest fromCloudEvent(CloudEvent ce) {
        if (!EventTypes.SIGNAL_REQUEST.equals(ce.getType())) {
            throw new MalformedEventException("expected type " + EventTypes.SIGNAL_REQUEST + ", was " + ce.getType());
        }
        if (ce.getData() == null) {
            throw new MalformedEventException("signal request " + ce.getId() + " has no data");
        }
        try {
            JsonNode d = EventCodec.JSON.readTree(ce.getData().toBytes());
            SignalRequest request = new SignalRequest(StreamId.fromSource(ce.getSource()), d.path("signal").asText(null),
                    d.path("value").asText(""));
            request.data(); // the value must be JSON: reject now rather than in the stream
            return request;
        } catch (IOException e) {
            throw new MalformedEventException("signal request data is not valid JSON: " + e.getMessage(), e);
        }
    }
}
