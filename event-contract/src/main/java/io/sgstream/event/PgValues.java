package io.sgstream.event;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the contract's JSON value encoding back into PostgreSQL text input form, so a consumer binds it as text
 * and lets the server cast it: {@code CAST(? AS <column type>)} restores the source value exactly.
 */
public final class PgValues {

    private PgValues() {
    }

    /** The PostgreSQL text form of an encoded value, or null for SQL NULL. */
    public static String toText(JsonNode value) {
        return toText(value, ',');
    }

    /**
     * The text form of a value of column type {@code type}: the same as {@link #toText(JsonNode)} except for arrays
     * of {@code box}, the one built-in type whose array elements are separated by {@code ;}.
     */
    public static String toText(JsonNode value, String type) {
        return toText(value, type != null && type.startsWith("box[") ? ';' : ',');
    }

    private static String toText(JsonNode value, char delimiter) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isArray()) {
            StringBuilder sb = new StringBuilder();
            appendArray(sb, value, delimiter);
            return sb.toString();
        }
        if (value.isObject()) {
            throw new MalformedEventException("a column value cannot be a JSON object: " + value);
        }
        return value.isNumber() ? value.numberValue().toString() : value.asText();
    }

    // Array literal syntax: https://www.postgresql.org/docs/current/arrays.html#ARRAYS-IO
    private static void appendArray(StringBuilder sb, JsonNode array, char delimiter) {
        sb.append('{');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            JsonNode element = array.get(i);
            if (element.isNull()) {
                sb.append("NULL");
            } else if (element.isArray()) {
                appendArray(sb, element, delimiter);
            } else {
                sb.append('"');
                String text = toText(element);
                for (int k = 0; k < text.length(); k++) {
                    char ch = text.charAt(k);
                    if (ch == '"' || ch == '\\') {
                        sb.append('\\');
                    }
                    sb.append(ch);
                }
                sb.append('"');
            }
        }
        sb.append('}');
    }
}
