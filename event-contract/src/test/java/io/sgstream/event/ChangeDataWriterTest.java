package io.sgstream.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming writer must give exactly the bytes of the tree it replaced, for every node kind the capture builds. */
class ChangeDataWriterTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final StreamId STREAM = new StreamId("shop", "orders");

    @Test
    void writesTheBytesOfTheTreeForEveryValueKind() {
        ObjectNode key = NODES.objectNode().put("id", 7L).put("k2", "a\"b\\c\u0001\u00e9\u4e2d\ud83d\ude00");
        ObjectNode after = key.deepCopy();
        after.put("int", 5).put("long", Long.MIN_VALUE).put("big", new BigInteger("123456789012345678901234567890"))
                .put("dec", new BigDecimal("1.50")).put("exp", new BigDecimal("1E+3")).put("bool", true)
                .putNull("nothing").put("text", "line\nbreak\ttab");
        after.putArray("arr").add(1L).add("x").addNull().addArray().add(new BigDecimal("-0.000"));
        after.putObject("obj").put("nested", "{\"json\": true}");
        ObjectNode before = NODES.objectNode().put("id", 7L);
        RowChange change = new RowChange(STREAM, "e1", new Position(42, 3), Op.UPDATE, "public", "ord\u00e9rs",
                List.of(new Column("id", "bigint", true), new Column("k2", "text", true), new Column("int", "integer", false)),
                key, before, after, List.of("toasted", "other"), "0/16B3748", 1234L,
                Instant.parse("2024-05-06T07:08:09.123456Z"));

        assertSameBytes(change);
    }

    @Test
    void writesAbsentImagesAndSourceFieldsLikeTheTree() {
        RowChange truncate = new RowChange(STREAM, "e1", new Position(1, 1), Op.TRUNCATE, "s", "t", List.of(),
                null, null, null, null, null, null, null);
        ObjectNode key = NODES.objectNode().put("id", "1");
        RowChange delete = new RowChange(STREAM, "e1", new Position(1, 2), Op.DELETE, "s", "t",
                List.of(new Column("id", "text", true)), key, key.deepCopy(), null, List.of(), "0/1", null,
                Instant.parse("2024-01-01T00:00:00Z"));

        assertSameBytes(truncate);
        assertSameBytes(delete);
    }

    @Test
    void leavesFloatingPointNodesToTheTreePath() {
        ObjectNode key = NODES.objectNode().put("id", 1.5d);
        RowChange change = new RowChange(STREAM, "e1", new Position(1, 1), Op.READ, "s", "t",
                List.of(new Column("id", "double precision", true)), key, null, key.deepCopy(), null, null, null, null);

        assertThat(ChangeDataWriter.write(change)).isNull();
        assertThat(EventCodec.toCloudEvent(change).getData().toBytes())
                .isEqualTo(EventCodec.bytes(EventCodec.changeData(change)));
    }

    private static void assertSameBytes(RowChange change) {
        byte[] tree = EventCodec.bytes(EventCodec.changeData(change));
        byte[] streamed = ChangeDataWriter.write(change);
        assertThat(streamed).isNotNull();
        assertThat(new String(streamed, StandardCharsets.UTF_8)).isEqualTo(new String(tree, StandardCharsets.UTF_8));
        assertThat(streamed).isEqualTo(tree);
        assertThat(EventCodec.toCloudEvent(change).getData().toBytes()).isEqualTo(tree);
    }
}
