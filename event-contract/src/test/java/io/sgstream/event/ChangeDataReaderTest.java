package io.sgstream.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming reader must read what the tree path reads, node class for node class, or leave the input to it. */
class ChangeDataReaderTest {

    private static final String FULL = """
            {"op":"u","schema":"public","table":"ord\\u00e9rs","extra":{"a":[1,{"b":2}]},
             "columns":[{"name":"id","type":"bigint","key":true},{"name":"n","type":"text","future":[1]},{"type":"text","name":"t"}],
             "key":{"id":7},"before":{"id":7,"n":null},
             "after":{"id":7,"int":2147483647,"long":2147483648,"big":123456789012345678901234567890,"neg":-5,
                      "dec":1.50,"exp":1E+3,"small":-0.000,"b":true,"f":false,"z":null,"s":"a\\"b\\\\c\\u0001\\u00e9\\ud83d\\ude00",
                      "arr":[1,"x",null,[1.0,{}]],"obj":{"k":"v","k":"last"},"id":8},
             "unchanged":["toasted"],"source":{"lsn":"0/16B3748","txid":1234,"ts":"2024-05-06T07:08:09.123456Z","new":1}}
            """;

    @Test
    void readsTheSameValuesAndNodeClassesAsTheTree() throws Exception {
        for (String json : List.of(FULL,
                "{\"op\":\"t\",\"schema\":\"s\",\"table\":\"t\",\"columns\":[],\"key\":null,\"before\":null,\"after\":null,\"source\":{}}",
                "{\"table\":\"t\",\"schema\":\"s\",\"op\":\"d\",\"columns\":[{\"name\":\"id\",\"type\":\"text\",\"key\":false}],"
                        + "\"key\":{\"id\":\"1\"},\"before\":{\"id\":\"1\"},\"source\":{\"lsn\":null,\"txid\":null,\"ts\":null}}")) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            ChangeDataReader.Fields f = ChangeDataReader.read(bytes);
            assertThat(f).as(json).isNotNull();
            ObjectNode tree = (ObjectNode) EventCodec.JSON.readTree(bytes);
            assertThat(f.op()).isEqualTo(tree.get("op").asText());
            assertThat(f.schema()).isEqualTo(tree.get("schema").asText());
            assertThat(f.table()).isEqualTo(tree.get("table").asText());
            List<Column> columns = new ArrayList<>();
            for (JsonNode c : tree.get("columns")) {
                columns.add(new Column(c.path("name").isNull() ? null : c.path("name").textValue(),
                        c.path("type").isNull() ? null : c.path("type").textValue(), c.path("key").asBoolean(false)));
            }
            assertThat(f.columns()).isEqualTo(columns);
            sameImage(f.key(), tree.get("key"));
            sameImage(f.before(), tree.get("before"));
            sameImage(f.after(), tree.get("after"));
            List<String> unchanged = new ArrayList<>();
            tree.path("unchanged").forEach(n -> unchanged.add(n.asText()));
            assertThat(f.unchanged()).isEqualTo(unchanged);
            JsonNode source = tree.path("source");
            assertThat(f.lsn()).isEqualTo(source.path("lsn").isTextual() ? source.get("lsn").asText() : null);
            assertThat(f.ts()).isEqualTo(source.path("ts").isTextual() ? source.get("ts").asText() : null);
            assertThat(f.txId()).isEqualTo(source.path("txid").isNumber() ? source.get("txid").asLong() : null);
        }
    }

    @Test
    void leavesUnusualInputToTheTreePath() {
        for (String json : List.of("[]", "{", "not json", "{\"op\":\"c\"} trailing",
                FULL.replace("\"op\":\"u\"", "\"op\":1"), FULL.replace("\"op\":\"u\"", "\"op\":\"\""),
                FULL.replace("\"schema\":\"public\",", ""),
                FULL.replace("\"key\":{\"id\":7}", "\"key\":[7]"), FULL.replace("\"key\":true", "\"key\":\"true\""),
                FULL.replace("\"txid\":1234", "\"txid\":1.5"), FULL.replace("\"txid\":1234", "\"txid\":99999999999999999999"),
                FULL.replace("\"unchanged\":[\"toasted\"]", "\"unchanged\":[1]"),
                FULL.replace("\"source\":{", "\"source\":{\"lsn\":1,"), FULL.replace("\"table\":", "\"op\":\"c\",\"table\":"))) {
            assertThat(ChangeDataReader.read(json.getBytes(StandardCharsets.UTF_8))).as(json).isNull();
        }
    }

    @Test
    void fromCloudEventGivesTheSameErrorsEitherWay() {
        assertThatThrownBy(() -> EventCodec.fromCloudEvent(change("{\"op\":\"c\"")))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("data is not valid JSON");
        assertThatThrownBy(() -> EventCodec.fromCloudEvent(change(FULL.replace("\"key\":{\"id\":7}", "\"key\":[7]"))))
                .isInstanceOf(MalformedEventException.class).hasMessage("data.key must be an object or null");
        assertThatThrownBy(() -> EventCodec.fromCloudEvent(change(FULL.replace("2024-05-06T07:08:09.123456Z", "yesterday"))))
                .isInstanceOf(MalformedEventException.class).hasMessage("data.ts is not an ISO-8601 timestamp: yesterday");
        RowChange read = (RowChange) EventCodec.fromCloudEvent(change(FULL));
        assertThat(read.txId()).isEqualTo(1234L);
        assertThat(read.after().get("obj").get("k").asText()).isEqualTo("last");
        assertThat(read.after().get("big").isBigInteger()).isTrue();
    }

    private static CloudEvent change(String data) {
        return CloudEventBuilder.v1().withId("e1-42-3").withSource(java.net.URI.create("/sgstream/shop/orders"))
                .withType(EventTypes.CHANGE).withDataContentType("application/json")
                .withExtension(EventAttributes.EPOCH, "e1").withExtension(EventAttributes.TXSEQ, "42")
                .withExtension(EventAttributes.SEQ, "3").withData(data.getBytes(StandardCharsets.UTF_8)).build();
    }

    /** A row image: absent or JSON null in the tree is a Java null in the fields. */
    private static void sameImage(JsonNode actual, JsonNode expected) {
        if (expected == null || expected.isNull()) {
            assertThat(actual).isNull();
        } else {
            sameNode(actual, expected);
        }
    }

    private static void sameNode(JsonNode actual, JsonNode expected) {
        assertThat(actual).isNotNull();
        assertThat(actual.getClass()).isEqualTo(expected.getClass());
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.toString()).isEqualTo(expected.toString());
        if (expected.isContainerNode()) {
            assertThat(actual.size()).isEqualTo(expected.size());
            if (expected.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> a = actual.fields();
                for (Iterator<Map.Entry<String, JsonNode>> e = expected.fields(); e.hasNext(); ) {
                    Map.Entry<String, JsonNode> x = e.next();
                    Map.Entry<String, JsonNode> y = a.next();
                    assertThat(y.getKey()).isEqualTo(x.getKey());
                    sameNode(y.getValue(), x.getValue());
                }
            } else {
                for (int i = 0; i < expected.size(); i++) {
                    sameNode(actual.get(i), expected.get(i));
                }
            }
        }
    }
}
