package io.sgstream.pglambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.sgstream.event.EventCodec;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The event a function asks to emit in answer to the one it handled; {@link ReplyEvents} turns it into a CloudEvent.
 *
 * @param type       CloudEvent type chosen by the user; must not start with {@code io.sgstream.}
 * @param data       JSON text of the data, or null for an event without data
 * @param extensions extra extension attributes (lower-case names), may be empty
 */
public record Reply(String type, String data, Map<String, String> extensions) {

    public Reply {
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    /** A reply whose data is the given JSON. */
    public static Reply of(String type, JsonNode data) {
        return new Reply(type, data == null ? null : new String(EventCodec.bytes(data), StandardCharsets.UTF_8), Map.of());
    }

    public Reply withExtension(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Reply(type, data, more);
    }
}
