package io.sgstream.event;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.http.HttpMessageFactory;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * CloudEvents over HTTP with the CloudEvents SDK: binary mode on write (what Knative brokers store and what Funqy
 * prefers), binary and structured mode on read.
 */
public final class CloudEventsHttp {

    private CloudEventsHttp() {
    }

    /**
     * Reads a CloudEvent from an HTTP request.
     *
     * @throws MalformedEventException with the reason, for a 400 answer
     */
    public static CloudEvent read(Map<String, String> headers, byte[] body) {
        Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        String contentType = caseInsensitive.getOrDefault("content-type", "");
        if (contentType.startsWith("application/cloudevents-batch")) {
            throw new MalformedEventException("batched CloudEvents are not accepted: send one event per request");
        }
        if (!caseInsensitive.containsKey("ce-id") && !contentType.startsWith("application/cloudevents")) {
            throw new MalformedEventException("not a CloudEvent: neither ce-id headers (binary mode) nor "
                    + "Content-Type application/cloudevents+json (structured mode)");
        }
        try {
            MessageReader reader = HttpMessageFactory.createReader(caseInsensitive, body);
            return reader.toEvent();
        } catch (RuntimeException e) { // the SDK throws several unchecked types for bad input
            throw new MalformedEventException("malformed CloudEvent: " + e.getMessage(), e);
        }
    }

    /** Writes an event in binary mode: each header, then the body. */
    public static void writeBinary(CloudEvent event, BiConsumer<String, String> header, Consumer<byte[]> body) {
        HttpMessageFactory.createWriter(header, body).writeBinary(event);
    }
}
