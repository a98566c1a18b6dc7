package io.sgstream.broker.http;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CloudEvents HTTP binding helpers (cloudevents-http-basic) shared by the ingress and the subscriber client. */
public final class CloudEventHttp {

    /** An event written as HTTP headers and body. */
    public record Encoded(Map<String, String> headers, byte[] body) {
    }

    private static final byte[] EMPTY = new byte[0];
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

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
        var writer = HttpMessageFactory.createWriter((name, value) -> headers.put(name, headerSafe(value)),
                bytes -> body[0] = bytes == null ? EMPTY : bytes);
        if (structured) {
            writer.writeStructured(event, JsonFormat.CONTENT_TYPE);
        } else {
            writer.writeBinary(event);
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
     * Reads a binary or structured event.
     *
     * @throws RuntimeException (CloudEventRWException, IllegalStateException...) if it is not a valid CloudEvent
     */
    public static CloudEvent decode(Map<String, List<String>> headers, byte[] body) {
        MessageReader reader = HttpMessageFactory.createReaderFromMultimap(headers, body);
        return reader.toEvent();
    }

    /**
     * Header values must be visible ASCII: the HTTP binding percent-encodes anything else as UTF-8. Other values
     * pass unchanged, since Java CloudEvents readers do not percent-decode.
     */
    static String headerSafe(String value) {
        boolean safe = true;
        for (int i = 0; i < value.length() && safe; i++) {
            char c = value.charAt(i);
            safe = c >= 0x20 && c <= 0x7E;
        }
        if (safe) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 0x20 && c <= 0x7E) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
