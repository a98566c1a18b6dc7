package io.sgstream.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Records what Jackson cannot map (unknown fields, values of the wrong type) as violations with the field's path,
 * skips the offending value and lets deserialization go on, so one load reports every such problem instead of
 * stopping at the first.
 */
final class ProblemCollector extends DeserializationProblemHandler {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private final List<Violation> violations = new ArrayList<>();

    List<Violation> violations() {
        return violations;
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
            Object beanOrClass, String propertyName) throws IOException {
        violations.add(new Violation(valuePath(p), "unknown field" + suggestion(propertyName, deserializer)));
        p.skipChildren();
        return true;
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
            String failureMsg) throws IOException {
        String path = valuePath(p);
        violations.add(new Violation(path,
                "must be " + expected(targetType.getRawClass()) + " (was " + actual(t, p, path) + ")"));
        p.skipChildren();
        return null;
    }

    @Override
    public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number value,
            String failureMsg) {
        String range = targetType == Integer.class ? "an integer between " + Integer.MIN_VALUE + " and "
                + Integer.MAX_VALUE : "an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
        violations.add(new Violation(valuePath(ctxt.getParser()), "must be " + range + " (was " + value + ")"));
        return null;
    }

    @Override
    public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value,
            String failureMsg) {
        violations.add(new Violation(valuePath(ctxt.getParser()),
                "must be " + expected(targetType) + " (was " + SGStreamValidator.quote(value) + ")"));
        return null;
    }

    @Override
    public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
            ValueInstantiator valueInsts, JsonParser p, String msg) throws IOException {
        String path = valuePath(p);
        violations.add(new Violation(path,
                "must be " + expected(instClass) + " (was " + actual(p.currentToken(), p, path) + ")"));
        p.skipChildren();
        return null;
    }

    /** A problem Jackson could not get past; reported with the path Jackson tracked. */
    void fatal(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                appendName(path, reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        violations.add(new Violation(path.toString(), "cannot be read: " + message.lines().findFirst().orElse("")));
    }

    /** The path of the value the parser is at, e.g. {@code spec.source.postgres.includes[1]}. */
    static String valuePath(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
            context = context.getParent(); // at a container's start the parser already stands inside it
        }
        List<JsonStreamContext> chain = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.add(0, c);
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c : chain) {
            if (c.inObject() && c.getCurrentName() != null) {
                appendName(path, c.getCurrentName());
            } else if (c.inArray()) {
                path.append('[').append(c.getCurrentIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static void appendName(StringBuilder path, String name) {
        if (!PLAIN_KEY.matcher(name).matches()) {
            path.append("[\"").append(name).append("\"]"); // map keys such as "public.orders" keep their dots
        } else {
            path.append(path.length() == 0 ? "" : ".").append(name);
        }
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        return Map.class.isAssignableFrom(type) ? "a mapping of keys to values" : "an object with fields";
    }

    /** What was found instead; header values are described, never shown, since they may be credentials. */
    private static String actual(JsonToken token, JsonParser p, String path) throws IOException {
        if (token == null) {
            return "nothing";
        }
        boolean hidden = path.contains(".headers.") || path.contains(".headers[");
        return switch (token) {
            case VALUE_STRING -> hidden ? "a string" : SGStreamValidator.quote(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> hidden ? "a number" : p.getText();
            case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> p.getText();
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            default -> token.asString() != null ? token.asString() : token.name();
        };
    }

    private static String suggestion(String unknown, JsonDeserializer<?> deserializer) {
        Collection<Object> known = deserializer == null ? null : deserializer.getKnownPropertyNames();
        if (known == null || known.isEmpty()) {
            return "";
        }
        List<String> names = known.stream().map(String::valueOf).sorted().toList();
        int tolerance = Math.max(2, unknown.length() / 5);
        return names.stream()
                .filter(n -> n.equalsIgnoreCase(unknown) || distance(n, unknown) <= tolerance)
                .min(Comparator.comparingInt(n -> distance(n, unknown)))
                .map(n -> " (did you mean \"" + n + "\"?)")
                .orElseGet(() -> names.size() <= 12 ? " (known fields: " + String.join(", ", names) + ")" : "");
    }

    /** Levenshtein distance, ignoring case: enough to catch typos such as {@code databse} or {@code URL}. */
    static int distance(String a, String b) {
        String x = a.toLowerCase(java.util.Locale.ROOT);
        String y = b.toLowerCase(java.util.Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }
}
