package io.sgstream.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code data.identity}: "full" marks the all-columns key of a keyless REPLICA IDENTITY FULL table; absent means
 * "primary-key", so events written before the field existed read as they always did.
 */
class KeyIdentityTest {

    private static final StreamId STREAM = new StreamId("shop", "logs");

    private static RowChange logDelete(KeyIdentity identity) {
        ObjectNode row = EventCodec.JSON.createObjectNode().put("at", 1).put("what", "x");
        return new RowChange(STREAM, "e1", new Position(5, 2), Op.DELETE, "public", "log",
                List.of(new Column("at", "integer", true), new Column("what", "text", true)),
                row, row.deepCopy(), null, List.of(), "0/1", 9L, Instant.parse("2026-11-25T10:00:00Z"), identity);
    }

    @Test
    void aFullIdentityChangeSaysSoAfterItsColumnsAndReadsBack() {
        RowChange full = logDelete(KeyIdentity.FULL);
        CloudEvent ce = EventCodec.toCloudEvent(full);
        String data = new String(ce.getData().toBytes(), StandardCharsets.UTF_8);

        assertThat(data).contains("\"key\":true}],\"identity\":\"full\",\"key\":{");
        assertThat(ce.getData().toBytes()).isEqualTo(EventCodec.bytes(EventCodec.changeData(full))); // writer = tree
        RowChange read = (RowChange) EventCodec.fromCloudEvent(ce);
        assertThat(read.identity()).isEqualTo(KeyIdentity.FULL);
        assertThat(read).isEqualTo(full);
        assertThat(((RowChange) EventCodec.fromCloudEvent(change(treePathOnly(data)))).identity()).isEqualTo(KeyIdentity.FULL);
    }

    @Test
    void aPrimaryKeyChangeWritesNoIdentityAndOldEventsReadAsPrimaryKey() {
        RowChange keyed = logDelete(null);
        assertThat(keyed.identity()).isEqualTo(KeyIdentity.PRIMARY_KEY);
        String data = new String(EventCodec.toCloudEvent(keyed).getData().toBytes(), StandardCharsets.UTF_8);
        assertThat(data).doesNotContain("identity");

        String old = "{\"op\":\"d\",\"schema\":\"public\",\"table\":\"log\",\"columns\":[{\"name\":\"at\",\"type\":\"integer\","
                + "\"key\":true}],\"key\":{\"at\":1},\"before\":{\"at\":1},\"after\":null,\"source\":{}}";
        for (String json : List.of(old, treePathOnly(old), old.replace("\"key\":{", "\"identity\":\"primary-key\",\"key\":{"),
                old.replace("\"key\":{", "\"identity\":null,\"key\":{"))) {
            assertThat(((RowChange) EventCodec.fromCloudEvent(change(json))).identity()).as(json)
                    .isEqualTo(KeyIdentity.PRIMARY_KEY);
        }
    }

    @Test
    void anUnknownIdentityIsRejectedNamingTheField() {
        String data = new String(EventCodec.toCloudEvent(logDelete(KeyIdentity.FULL)).getData().toBytes(), StandardCharsets.UTF_8);
        for (String bad : List.of("\"unique\"", "1", "true")) {
            assertThatThrownBy(() -> EventCodec.fromCloudEvent(change(data.replace("\"full\"", bad))))
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageStartingWith("data.identity must be 'full' or 'primary-key', was '");
        }
    }

    /** The same data with a repeated field, which the streaming reader leaves to the tree path. */
    private static String treePathOnly(String data) {
        return data.replace("{\"op\":\"d\",", "{\"op\":\"d\",\"op\":\"d\",");
    }

    private static CloudEvent change(String data) {
        return CloudEventBuilder.v1().withId("e1-5-2").withSource(URI.create("/sgstream/shop/logs"))
                .withType(EventTypes.CHANGE).withDataContentType("application/json")
                .withExtension(EventAttributes.EPOCH, "e1").withExtension(EventAttributes.TXSEQ, "5")
                .withExtension(EventAttributes.SEQ, "2").withData(data.getBytes(StandardCharsets.UTF_8)).build();
    }
}
