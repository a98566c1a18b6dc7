package io.sgstream.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The partition key's JSON must stay byte for byte what Jackson writes: consumers may have stored keys. */
class CompactJsonTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    @Test
    void everyCharacterIsWrittenAsJacksonWritesIt() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            all.append((char) c); // lone surrogates included: both sides copy them as they are
        }
        all.append("\uD83D\uDE00 \u2028 \u2029");
        for (int start = 0; start < all.length(); start += 512) {
            String chunk = all.substring(start, Math.min(all.length(), start + 512));
            ObjectNode key = NODES.objectNode().put(chunk, chunk);
            assertThat(CompactJson.of(key)).as("characters from U+%04X", start).isEqualTo(key.toString());
        }
    }

    @Test
    void valuesOfEveryKindTheCaptureBuildsMatchJackson() {
        ArrayNode array = NODES.arrayNode().add(1L).addNull().add("x").add(NODES.arrayNode().add(true));
        ObjectNode key = NODES.objectNode()
                .put("int", 7).put("long", Long.MIN_VALUE).put("bool", false)
                .put("big", new BigInteger("123456789012345678901234567890"))
                .put("dec", new BigDecimal("1.50")).put("sci", new BigDecimal("1E+3")).put("neg", new BigDecimal("-0.000001"))
                .put("text", "a \"quoted\" \\ back\tslash\n").put("empty", "")
                .putNull("nothing");
        key.set("array", array);
        key.set("nested", NODES.objectNode().put("k", "v"));
        key.set("emptyObject", NODES.objectNode());
        key.set("emptyArray", NODES.arrayNode());
        for (JsonNode node : List.<JsonNode>of(key, array, NODES.textNode("\u0000\u001f\u007f"), NODES.numberNode(42L))) {
            assertThat(CompactJson.of(node)).isEqualTo(node.toString());
        }
    }

    @Test
    void floatingPointIsLeftToJackson() {
        ObjectNode key = NODES.objectNode().put("d", 0.1).put("f", 1.0e-7f).put("inf", Double.POSITIVE_INFINITY);
        assertThat(CompactJson.of(key)).isEqualTo(key.toString());
    }

    @Test
    void thePartitionKeyIsTableColonKeyJson() {
        ObjectNode key = NODES.objectNode().put("id", 7).put("region", "eu");
        RowChange change = new RowChange(new StreamId("ns", "s"), "1", new Position(1, 1), Op.CREATE, "public", "t",
                List.of(), key, null, NODES.objectNode(), null, null, null, null);
        assertThat(change.partitionKey()).isEqualTo("public.t:{\"id\":7,\"region\":\"eu\"}");
    }
}
