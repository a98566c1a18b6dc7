package io.sgstream.broker.http;

import io.cloudevents.CloudEvent;
import io.sgstream.event.CloudEventsHttp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The broker's side of the CloudEvents HTTP binding: encoding and decoding are the event contract's
 * ({@link CloudEventsHttp}: percent-encoded attribute headers, structured JSON); what is the broker's own is
 * Knative's behaviour around them (the JSON content type of binary bodies, what counts as a CloudEvent reply).
 */
public final class CloudEventHttp {

    /** An event written as HTTP headers and body. */
    public record Encoded(Map<String, String> headers, byte[] body) {
    }

    private static final byte[] EMPTY = new byte[0];

    private CloudEventHttp() {
    }

    /**
     * Writes an event in binary mode (attributes as {@code ce-} headers, data as body) or, for
     * {@code delivery.format: json}, in structured mode. Binary events with data but no {@code datacontenttype} get
     * {@code Content-Type: application/json}: structured JSON events without it are JSON by definition, and Funqy
     * reads a binary body as JSON only with that content type.
     */
    public static Encoded encode(CloudEvent event, boolean structured) {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[][] body = {EMPTY};
        if (structured) {
            CloudEventsHttp.writeStructured(event, headers::put, bytes -> body[0] = bytes == null ? EMPTY : bytes);
        } else {
            CloudEventsHttp.writeBinary(event, headers::put, bytes -> body[0] = bytes == null ? EMPTY : bytes);
            if (body[0].length > 0 && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
                headers.put("Content-Type", "application/json");
            }
        }
        return new Encoded(headers, body[0]);
    }

    /**
     * Whether a response carries a CloudEvent, with the test of Knative's broker filter (binding.ReadEncoding): a
     * {@code ce-specversion} header (binary) or a {@code application/cloudevents*} content type (structured).
     */
    public static boolean isCloudEvent(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey() == null ? "" : header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("ce-specversion")) {
                return true;
            }
            if (name.equals("content-type") && header.getValue().stream()
                    .anyMatch(v -> v.toLowerCase(Locale.ROOT).startsWith("application/cloudevents"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads a binary or structured event, percent-decoding attribute headers.
     *
     * @throws io.sgstream.event.MalformedEventException if it is not a valid CloudEvent
     */
    public static CloudEvent decode(Map<String, List<String>> headers, byte[] body) {
        return CloudEventsHttp.readMultiValued(headers, body);
    }
}
