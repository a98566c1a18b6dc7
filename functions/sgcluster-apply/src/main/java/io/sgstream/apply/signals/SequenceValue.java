package io.sgstream.apply.signals;

import com.fasterxml.jackson.databind.JsonNode;
import io.sgstream.event.MalformedEventException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sequence's state as the tombstone and sync-sequences signals carry it:
 * {@code {"schema": "public", "name": "orders_id_seq", "lastValue": 42, "isCalled": true}}.
 */
public record SequenceValue(String schema, String name, long lastValue, boolean isCalled) {

    public SequenceValue {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /** Reads the {@code sequences} of a tombstone's or sync-sequences signal's data (absent or null: none). */
    public static List<SequenceValue> fromSignal(JsonNode data) {
        List<SequenceValue> out = new ArrayList<>();
        if (data == null || data.isNull()) {
            return out;
        }
        if (!data.isObject()) {
            throw new MalformedEventException("signal data must be an object, was " + data);
        }
        JsonNode sequences = data.get("sequences");
        if (sequences == null || sequences.isNull()) {
            return out;
        }
        if (!sequences.isArray()) {
            throw new MalformedEventException("signal data.sequences must be an array");
        }
        for (JsonNode s : sequences) {
            JsonNode schema = s.get("schema");
            JsonNode name = s.get("name");
            JsonNode lastValue = s.get("lastValue");
            if (schema == null || !schema.isTextual() || name == null || !name.isTextual()
                    || lastValue == null || !lastValue.isIntegralNumber() || !lastValue.canConvertToLong()) {
                throw new MalformedEventException("signal data.sequences: each needs text schema, text name and integer "
                        + "lastValue: " + s);
            }
            JsonNode isCalled = s.get("isCalled");
            if (isCalled != null && !isCalled.isNull() && !isCalled.isBoolean()) {
                throw new MalformedEventException("signal data.sequences: isCalled must be a boolean: " + s);
            }
            out.add(new SequenceValue(schema.asText(), name.asText(), lastValue.asLong(),
                    isCalled == null || isCalled.isNull() || isCalled.asBoolean()));
        }
        return out;
    }
}
