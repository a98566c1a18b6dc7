package io.sgstream.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a change's {@code data} with the streaming parser instead of building the whole tree: only the row images
 * become nodes (the same nodes {@code ObjectMapper.readTree} builds with {@link EventCodec#JSON}'s settings), the
 * column descriptors, names and source fields are read as values. The apply reads every event this way, and the
 * column descriptors alone were most of the tree. Anything unusual (a field of an unexpected JSON type, NaN,
 * invalid JSON) makes {@link #read} return null, and the caller takes the tree path, which also words the error.
 */
final class ChangeDataReader {

    private static final JsonNodeFactory NODES = EventCodec.JSON.getDeserializationConfig().getNodeFactory();

    /** The fields of a change's data, as {@code EventCodec.readChange} reads them from the tree. */
    record Fields(String op, String schema, String table, List<Column> columns, ObjectNode key, ObjectNode before,
                  ObjectNode after, List<String> unchanged, String lsn, Long txId, String ts, KeyIdentity identity) {
    }

    private ChangeDataReader() {
    }

    static Fields read(byte[] json) {
        try (JsonParser p = EventCodec.JSON.getFactory().createParser(json)) {
            Fields fields = object(p);
            return fields != null && p.nextToken() == null ? fields : null;
        } catch (IOException | RuntimeException e) {
            return null; // the tree path reports it
        }
    }

    private static Fields object(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String op = null;
        String schema = null;
        String table = null;
        List<Column> columns = null;
        ObjectNode key = null;
        ObjectNode before = null;
        ObjectNode after = null;
        List<String> unchanged = new ArrayList<>();
        String[] source = new String[2];
        Long txId = null;
        KeyIdentity identity = KeyIdentity.PRIMARY_KEY;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            int bit;
            switch (name) {
                case "op" -> {
                    bit = 1;
                    op = string(p, t);
                    if (op == null) {
                        return null;
                    }
                }
                case "schema" -> {
                    bit = 2;
                    schema = string(p, t);
                    if (schema == null) {
                        return null;
                    }
                }
                case "table" -> {
                    bit = 4;
                    table = string(p, t);
                    if (table == null) {
                        return null;
                    }
                }
                case "columns" -> {
                    bit = 8;
                    columns = columns(p, t);
                    if (columns == null) {
                        return null;
                    }
                }
                case "key", "before", "after" -> {
                    bit = name.equals("key") ? 16 : name.equals("before") ? 32 : 64;
                    ObjectNode image;
                    if (t == JsonToken.VALUE_NULL) {
                        image = null;
                    } else if (t == JsonToken.START_OBJECT) {
                        image = (ObjectNode) node(p, t);
                        if (image == null) {
                            return null;
                        }
                    } else {
                        return null;
                    }
                    switch (bit) {
                        case 16 -> key = image;
                        case 32 -> before = image;
                        default -> after = image;
                    }
                }
                case "unchanged" -> {
                    bit = 128;
                    if (t != JsonToken.START_ARRAY) {
                        return null;
                    }
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        unchanged.add(p.getText());
                    }
                }
                case "source" -> {
                    bit = 256;
                    if (t != JsonToken.START_OBJECT) {
                        return null;
                    }
                    Long[] id = new Long[1];
                    if (!source(p, source, id)) {
                        return null;
                    }
                    txId = id[0];
                }
                case "identity" -> {
                    bit = 512;
                    if (t == JsonToken.VALUE_STRING && p.getText().equals(KeyIdentity.FULL.code())) {
                        identity = KeyIdentity.FULL;
                    } else if (t == JsonToken.VALUE_STRING && p.getText().equals(KeyIdentity.PRIMARY_KEY.code())) {
                        identity = KeyIdentity.PRIMARY_KEY;
                    } else if (t != JsonToken.VALUE_NULL) {
                        return null; // the tree path words the error
                    }
                }
                default -> {
                    bit = 0;
                    p.skipChildren(); // a field this version does not know: the tree path ignores it too
                }
            }
            if ((seen & bit) != 0) {
                return null; // a repeated field: the tree keeps the last, leave that to it
            }
            seen |= bit;
        }
        if (op == null || schema == null || table == null || columns == null) {
            return null;
        }
        return new Fields(op, schema, table, columns, key, before, after, unchanged, source[0], txId, source[1], identity);
    }

    /** A non-empty string; anything else (null, empty, a number) is left to the tree path's checks. */
    private static String string(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            return null;
        }
        String s = p.getText();
        return s.isEmpty() ? null : s;
    }

    private static List<Column> columns(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            return null;
        }
        List<Column> columns = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                return null;
            }
            String name = null;
            String type = null;
            boolean key = false;
            int seen = 0;
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                int bit;
                switch (field) {
                    case "name", "type" -> {
                        bit = field.equals("name") ? 1 : 2;
                        String s = v == JsonToken.VALUE_STRING ? p.getText() : null;
                        if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                            return null;
                        }
                        if (bit == 1) {
                            name = s;
                        } else {
                            type = s;
                        }
                    }
                    case "key" -> {
                        bit = 4;
                        if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                            return null;
                        }
                        key = v == JsonToken.VALUE_TRUE;
                    }
                    default -> {
                        bit = 0;
                        p.skipChildren();
                    }
                }
                if ((seen & bit) != 0) {
                    return null;
                }
                seen |= bit;
            }
            columns.add(new Column(name, type, key));
        }
        return columns;
    }

    /** {@code lsn} and {@code ts} as strings (or null), {@code txid} as an integer (or null). */
    private static boolean source(JsonParser p, String[] texts, Long[] txId) throws IOException {
        int seen = 0;
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            int bit;
            switch (field) {
                case "lsn", "ts" -> {
                    bit = field.equals("lsn") ? 1 : 2;
                    if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                        return false;
                    }
                    texts[bit - 1] = v == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                case "txid" -> {
                    bit = 4;
                    if (v == JsonToken.VALUE_NULL) {
                        txId[0] = null;
                    } else if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        txId[0] = p.getLongValue();
                    } else {
                        return false;
                    }
                }
                default -> {
                    bit = 0;
                    p.skipChildren();
                }
            }
            if ((seen & bit) != 0) {
                return false;
            }
            seen |= bit;
        }
        return true;
    }

    /**
     * The node {@code readTree} builds for the value at {@code t} (JsonNodeDeserializer: ints by their size,
     * floats as exact BigDecimals, a repeated key keeps its last value); null for NaN, left to the tree path.
     */
    private static JsonNode node(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                String field;
                while ((field = p.nextFieldName()) != null) {
                    JsonNode value = node(p, p.nextToken());
                    if (value == null) {
                        return null;
                    }
                    object.replace(field, value);
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    JsonNode value = node(p, e);
                    if (value == null) {
                        return null;
                    }
                    array.add(value);
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.isNaN() ? null : NODES.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> {
                return null;
            }
        }
    }
}
