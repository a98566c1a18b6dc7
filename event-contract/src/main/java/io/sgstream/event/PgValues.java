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
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isArray()) {
            StringBuilder sb = new StringBuilder();
            appendArray(sb, value);
            return sb.toString();
        }
        if (value.isObject()) {
            throw new MalformedEventException("a column value cannot be a JSON object: " + value);
        }
        return value.isNumber() ? value.numberValue().toString() : value.asText();
    }

    // Array literal syntax: https://www.postgresql.org/docs/current/arrays.html#ARRAYS-IO
    private static void appendArray(StringBuilder sb, JsonNode array) {
        sb.append('{');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            JsonNode element = array.get(i);
            if (element.isNull()) {
                sb.append("NULL");
            } else if (element.isArray()) {
                appendArray(sb, element);
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
