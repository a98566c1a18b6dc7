package io.sgstream.event;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * CloudEvents over HTTP with the CloudEvents SDK: binary mode on write (what Knative brokers store and what Funqy
 * prefers) or structured on request, binary and structured mode on read; attribute headers percent-encoded and
 * decoded as the HTTP binding (3.1.3.2) requires.
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
        caseInsensitive.replaceAll((name, value) -> isAttributeHeader(name) ? percentDecode(value) : value);
        try {
            MessageReader reader = HttpMessageFactory.createReader(caseInsensitive, body);
            return reader.toEvent();
        } catch (RuntimeException e) { // the SDK throws several unchecked types for bad input
            throw new MalformedEventException("malformed CloudEvent: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a CloudEvent from headers as HTTP servers hand them over (several values per name; the first counts),
     * percent-decoding attribute headers like {@link #read(Map, byte[])}.
     *
     * @throws MalformedEventException with the reason, for a 400 answer
     */
    public static CloudEvent readMultiValued(Map<String, List<String>> headers, byte[] body) {
        Map<String, String> single = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null && values != null && !values.isEmpty()) {
                single.putIfAbsent(name, values.get(0));
            }
        });
        return read(single, body);
    }

    /**
     * Writes an event in structured mode ({@code application/cloudevents+json}): a Content-Type header, then the
     * whole event as the JSON body (attributes need no header encoding there).
     */
    public static void writeStructured(CloudEvent event, BiConsumer<String, String> header, Consumer<byte[]> body) {
        HttpMessageFactory.createWriter(header, body).writeStructured(event, JsonFormat.CONTENT_TYPE);
    }

    /**
     * Writes an event in binary mode: each header, then the body. Attribute values are percent-encoded as the HTTP
     * binding requires (a table name with non-ASCII letters cannot travel in an HTTP/1.1 header otherwise).
     */
    public static void writeBinary(CloudEvent event, BiConsumer<String, String> header, Consumer<byte[]> body) {
        HttpMessageFactory.createWriter((name, value) -> header.accept(name, isAttributeHeader(name) ? percentEncode(value) : value), body)
                .writeBinary(event);
    }

    private static boolean isAttributeHeader(String name) {
        return name.regionMatches(true, 0, "ce-", 0, 3);
    }

    // CloudEvents HTTP binding 3.1.3.2: space, '"', '%' and anything outside printable ASCII, as UTF-8 %XX
    static String percentEncode(String value) {
        boolean plain = true;
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = c > 0x20 && c < 0x7F && c != '"' && c != '%';
        }
        if (plain) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c > 0x20 && c < 0x7F && c != '"' && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    static String percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(value.charAt(i + 2), 16) : -1;
            if (c == '%' && lo >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
