package io.sgstream.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Compact JSON text of a small tree, exactly as {@link JsonNode#toString()} writes it, without setting up a Jackson
 * generator per call: the capture writes the key of every row change into its {@code partitionkey}, and that set-up
 * (a writer, a generator, serializer look-ups) cost more than the key itself. Node kinds the capture does not build
 * (floating point, binary, POJO) are left to Jackson.
 */
final class CompactJson {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CompactJson() {
    }

    static String of(JsonNode node) {
        StringBuilder out = new StringBuilder(32);
        return append(out, node) ? out.toString() : node.toString();
    }

    /** False when the tree holds a node kind this class does not write; {@code out} is then to be discarded. */
    private static boolean append(StringBuilder out, JsonNode node) {
        switch (node.getNodeType()) {
            case STRING -> quote(out, node.textValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> out.append(node.intValue());
                    case LONG -> out.append(node.longValue());
                    case BIG_INTEGER -> out.append(node.bigIntegerValue());
                    case BIG_DECIMAL -> out.append(node.decimalValue()); // Jackson's default: BigDecimal.toString()
                    default -> {
                        return false; // float and double: Jackson's own number formatting decides
                    }
                }
            }
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            case OBJECT -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    quote(out, field.getKey());
                    out.append(':');
                    if (!append(out, field.getValue())) {
                        return false;
                    }
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    if (!append(out, node.get(i))) {
                        return false;
                    }
                }
                out.append(']');
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Jackson's default escaping: quote, backslash and control characters only; everything else as it is. */
    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
