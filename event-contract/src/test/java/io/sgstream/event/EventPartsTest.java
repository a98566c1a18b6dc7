package io.sgstream.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventPartsTest {

    @Test
    void aMultiMegabyteChangeIsSplitAndJoinedInAnyOrderWithDuplicates() {
        StringBuilder big = new StringBuilder();
        Random random = new Random(7);
        while (big.length() < 3_000_000) {
            big.append((char) ('a' + random.nextInt(26))).append("é\"\\");
        }
        ObjectNode key = EventCodec.JSON.createObjectNode().put("id", 1);
        RowChange change = new RowChange(EventCodecTest.STREAM, "e1", new Position(5, 1), Op.CREATE, "public", "docs",
                List.of(new Column("id", "integer", true), new Column("body", "text", false)),
                key, null, key.deepCopy().put("body", big.toString()), null, "0/1", 9L, null);
        CloudEvent whole = EventCodec.toCloudEvent(change);

        List<CloudEvent> parts = EventParts.split(whole, EventParts.DEFAULT_MAX_DATA_BYTES);
        assertThat(parts).hasSizeGreaterThan(40);
        for (CloudEvent p : parts) {
            assertThat(p.getData().toBytes().length).isLessThanOrEqualTo(EventParts.DEFAULT_MAX_DATA_BYTES);
            assertThat(p.getExtension("table")).isEqualTo("docs");
            assertThat(EventParts.wholeId(p)).isEqualTo(whole.getId());
            assertThatThrownBy(() -> EventCodec.fromCloudEvent(p)).hasMessageContaining("join its parts first");
        }
        List<CloudEvent> delivered = new ArrayList<>(parts);
        delivered.addAll(parts.subList(0, 10));
        Collections.shuffle(delivered, new Random(3));

        assertThat(EventCodec.fromCloudEvent(EventParts.join(delivered))).isEqualTo(change);
        assertThat(parts).allSatisfy(p -> assertThat(p.getId()).startsWith(whole.getId() + "#"));
    }

    @Test
    void smallEventsAreNotSplitAndMissingPartsAreReported() {
        CloudEvent small = EventCodec.toCloudEvent(EventCodecTest.update());
        assertThat(EventParts.split(small, EventParts.DEFAULT_MAX_DATA_BYTES)).containsExactly(small);
        assertThat(EventParts.partCount(small)).isEqualTo(1);

        List<CloudEvent> parts = EventParts.split(small, 100);
        assertThat(parts.size()).isGreaterThan(2);
        assertThatThrownBy(() -> EventParts.join(parts.subList(1, parts.size())))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("part 1 of");
    }
}
