package io.sgstream.pglambda.js;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.sgstream.pglambda.FunctionResult;
import io.sgstream.pglambda.Reply;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The strings exchanged with the JavaScript runtime: what goes in for an event, what comes out. */
final class JsEventJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsEventJson() {
    }

    /** The event's attributes as the JS cloudevents SDK names them; extension values as strings. */
    static String attributes(CloudEvent event) {
        ObjectNode a = JSON.createObjectNode();
        a.put("specversion", event.getSpecVersion() == null ? SpecVersion.V1.toString() : event.getSpecVersion().toString());
        a.put("id", event.getId());
        a.put("type", event.getType());
        a.put("source", string(event.getSource()));
        putIfPresent(a, "subject", event.getSubject());
        putIfPresent(a, "time", event.getTime() == null ? null : event.getTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        putIfPresent(a, "datacontenttype", event.getDataContentType());
        putIfPresent(a, "dataschema", event.getDataSchema() == null ? null : event.getDataSchema().toString());
        for (String name : event.getExtensionNames()) {
            a.put(name, extension(event.getExtension(name)));
        }
        return write(a);
    }

    /** The data as text (JSON for every SGStream event), or null without data. */
    static String data(CloudEvent event) {
        return event.getData() == null ? null : new String(event.getData().toBytes(), StandardCharsets.UTF_8);
    }

    static String headers(Map<String, String> headers) {
        ObjectNode h = JSON.createObjectNode();
        headers.forEach(h::put);
        return write(h);
    }

    /**
     * Reads the runtime's result: {@code {status, body, reply: {type, data, extensions} | null, dropped}}.
     *
     * @throws IllegalArgumentException when the script set a status that is not an HTTP status
     */
    static FunctionResult result(String json) {
        JsonNode r;
        try {
            r = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("runtime result is not JSON: " + json, e);
        }
        Reply reply = null;
        JsonNode rn = r.path("reply");
        if (rn.isObject()) {
            Map<String, String> extensions = new LinkedHashMap<>();
            rn.path("extensions").fields().forEachRemaining(e -> extensions.put(e.getKey(), e.getValue().asText()));
            JsonNode data = rn.path("data");
            reply = new Reply(rn.path("type").asText(), data.isTextual() ? data.asText() : null, extensions);
        }
        JsonNode status = r.path("status");
        int code;
        if (status.isNull() || status.isMissingNode()) {
            code = reply != null ? 200 : 204;
        } else if (status.canConvertToInt() && status.isIntegralNumber() && status.asInt() >= 100 && status.asInt() <= 599) {
            code = status.asInt();
        } else {
            throw new IllegalArgumentException("response status must be an HTTP status code (100-599), was " + status);
        }
        return new FunctionResult(code, reply, r.path("dropped").asBoolean(false), r.path("body").asText(""));
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static String string(URI uri) {
        return uri == null ? null : uri.toString();
    }

    private static String extension(Object value) {
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof OffsetDateTime time) {
            return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        return String.valueOf(value);
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
