package io.sgstream.apply.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Encodes a source value, given as PostgreSQL's text output and its type name, the way the event contract says
 * (package-info of io.sgstream.event): booleans and integers as JSON scalars, finite floats as numbers,
 * arrays as JSON arrays of encoded elements, everything else as the text itself. This is what the capture service
 * produces; the tests build their events with it.
 */
public final class PgTextEncoder {

    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);
    private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint", "oid");
    private static final Set<String> FLOATS = Set.of("real", "double precision");

    private PgTextEncoder() {
    }

    public static JsonNode encode(String type, String text) {
        if (text == null) {
            return JSON.nullNode();
        }
        if (type.endsWith("[]")) {
            String elementType = type.substring(0, type.indexOf('['));
            return encodeArray(elementType, new ArrayLiteral(text).parse());
        }
        if (type.equals("boolean")) {
            return JSON.booleanNode(text.equals("true") || text.equals("t")); // ::text gives true, array output t
        }
        if (INTEGERS.contains(type)) {
            return JSON.numberNode(Long.parseLong(text));
        }
        if (FLOATS.contains(type) && !text.equals("NaN") && !text.endsWith("Infinity")) {
            return JSON.numberNode(new BigDecimal(text));
        }
        return JSON.textNode(text);
    }

    private static JsonNode encodeArray(String elementType, List<Object> elements) {
        ArrayNode array = JSON.arrayNode();
        for (Object e : elements) {
            if (e == null) {
                array.addNull();
            } else if (e instanceof List<?> nested) {
                @SuppressWarnings("unchecked")
                List<Object> inner = (List<Object>) nested;
                array.add(encodeArray(elementType, inner));
            } else {
                array.add(encode(elementType, (String) e));
            }
        }
        return array;
    }

    /** Parser of PostgreSQL's array output ({@code {1,NULL,"a b","x\"y"}}, nested for several dimensions). */
    private static final class ArrayLiteral {
        private final String s;
        private int i;

        ArrayLiteral(String s) {
            this.s = s;
        }

        List<Object> parse() {
            if (s.startsWith("[")) { // explicit bounds, e.g. [0:1]={...}
                i = s.indexOf('=') + 1;
            }
            return list();
        }

        private List<Object> list() {
            expect('{');
            List<Object> out = new ArrayList<>();
            if (s.charAt(i) == '}') {
                i++;
                return out;
            }
            while (true) {
                char c = s.charAt(i);
                if (c == '{') {
                    out.add(list());
                } else if (c == '"') {
                    out.add(quoted());
                } else {
                    int start = i;
                    while (s.charAt(i) != ',' && s.charAt(i) != '}') {
                        i++;
                    }
                    String raw = s.substring(start, i);
                    out.add(raw.equals("NULL") ? null : raw);
                }
                char next = s.charAt(i++);
                if (next == '}') {
                    return out;
                }
                if (next != ',') {
                    throw new IllegalArgumentException("unexpected '" + next + "' in array literal " + s);
                }
            }
        }

        private String quoted() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '\\') {
                    sb.append(s.charAt(i++));
                } else if (c == '"') {
                    return sb.toString();
                } else {
                    sb.append(c);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i + " in " + s);
            }
            i++;
        }
    }
}
