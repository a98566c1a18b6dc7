package io.sgstream.capture.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;

/**
 * Encodes a column value, given in PostgreSQL's text form, as the contract's JSON ({@link io.sgstream.event.PgValues}):
 * booleans, integers and finite floats as JSON literals, arrays as (nested) JSON arrays, everything else as the text.
 *
 * <p>Two array shapes stay a JSON string holding the array literal, because a JSON array cannot say them and
 * {@code PgValues.toText} returns a string unchanged, so the cast stays exact: arrays with explicit bounds
 * ({@code [0:1]={1,2}}) and arrays whose element delimiter is not a comma (box uses {@code ;}). A float negative zero
 * is the string {@code "-0"}: JSON readers that keep numbers exact (BigDecimal) drop the sign.
 */
public final class ValueEncoder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ValueEncoder() {
    }

    public static JsonNode encode(String text, ColumnType type) {
        if (text == null) {
            return NullNode.getInstance();
        }
        if (type.kind() == ColumnType.Kind.ARRAY) {
            if (type.delimiter() != ',' || text.isEmpty() || text.charAt(0) != '{') {
                return TextNode.valueOf(text);
            }
            return new ArrayLiteral(text, type.delimiter(), type.element()).parse();
        }
        return scalar(text, type.kind());
    }

    static JsonNode scalar(String text, ColumnType.Kind kind) {
        switch (kind) {
            case BOOLEAN:
                return switch (text) {
                    case "t", "true" -> BooleanNode.TRUE;
                    case "f", "false" -> BooleanNode.FALSE;
                    default -> TextNode.valueOf(text);
                };
            case INTEGER:
                return LongNode.valueOf(Long.parseLong(text));
            case FLOAT:
                return floating(text);
            default:
                return TextNode.valueOf(text);
        }
    }

    private static JsonNode floating(String text) {
        switch (text) {
            case "NaN", "Infinity", "-Infinity":
                return TextNode.valueOf(text);
            default:
                BigDecimal value = new BigDecimal(text);
                if (value.signum() == 0 && text.startsWith("-")) {
                    return TextNode.valueOf("-0");
                }
                return DecimalNode.valueOf(value);
        }
    }

    /** A recursive-descent reader of PostgreSQL's array output ({@code {a,"b c",NULL,{1,2}}}). */
    private static final class ArrayLiteral {
        private final String s;
        private final char delimiter;
        private final ColumnType.Kind element;
        private int pos;

        ArrayLiteral(String s, char delimiter, ColumnType.Kind element) {
            this.s = s;
            this.delimiter = delimiter;
            this.element = element;
        }

        JsonNode parse() {
            ArrayNode array = array();
            skipSpace();
            if (pos != s.length()) {
                throw malformed();
            }
            return array;
        }

        private ArrayNode array() {
            expect('{');
            ArrayNode array = NODES.arrayNode();
            skipSpace();
            if (peek() == '}') {
                pos++;
                return array;
            }
            while (true) {
                skipSpace();
                char c = peek();
                if (c == '{') {
                    array.add(array());
                } else if (c == '"') {
                    array.add(scalar(quoted(), element));
                } else {
                    String raw = unquoted();
                    array.add(raw.equalsIgnoreCase("NULL") ? NullNode.getInstance() : scalar(raw, element));
                }
                skipSpace();
                char next = next();
                if (next == '}') {
                    return array;
                }
                if (next != delimiter) {
                    throw malformed();
                }
            }
        }

        private String quoted() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return sb.toString();
                }
                sb.append(c == '\\' ? next() : c);
            }
        }

        private String unquoted() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != delimiter && s.charAt(pos) != '}') {
                pos++;
            }
            return s.substring(start, pos).strip();
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= s.length()) {
                throw malformed();
            }
            return s.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw malformed();
            }
        }

        private IllegalArgumentException malformed() {
            return new IllegalArgumentException("malformed array literal at " + pos + ": " + abbreviate(s));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
