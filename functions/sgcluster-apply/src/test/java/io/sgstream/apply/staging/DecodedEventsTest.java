package io.sgstream.apply.staging;

import io.sgstream.event.EventCodec;
import io.sgstream.event.StreamId;
import io.sgstream.event.TransactionEnd;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The applier takes an event decoded on arrival only for a staged row with the very same type and bytes. */
class DecodedEventsTest {

    private static final StreamId STREAM = new StreamId("test", "decoded");

    @Test
    void keptEventIsTakenOnceAndOnlyForTheSameBytes() {
        DecodedEvents kept = new DecodedEvents(1 << 20);
        IncomingEvent one = incoming(1);
        IncomingEvent two = incoming(2);
        kept.staged(one);
        kept.staged(two);
        assertThat(kept.take(STREAM, one.id(), one.type(), one.data().clone())).isSameAs(one.decoded());
        assertThat(kept.take(STREAM, one.id(), one.type(), one.data())).isNull(); // taken: decode from staging
        byte[] other = two.data().clone();
        other[other.length - 2] ^= 1;
        assertThat(kept.take(STREAM, two.id(), two.type(), other)).isNull();
        assertThat(kept.size()).isZero();
        assertThat(kept.take(new StreamId("test", "other"), incoming(3).id(), one.type(), incoming(3).data())).isNull();
    }

    @Test
    void oldestGoBeyondTheByteBudgetAndNothingIsKeptWithoutBudget() {
        IncomingEvent one = incoming(1);
        DecodedEvents kept = new DecodedEvents(2L * one.data().length + 1);
        kept.staged(one);
        kept.staged(incoming(2));
        kept.staged(incoming(3));
        assertThat(kept.size()).isEqualTo(2);
        assertThat(kept.take(STREAM, one.id(), one.type(), one.data())).isNull();
        IncomingEvent three = incoming(3);
        assertThat(kept.take(STREAM, three.id(), three.type(), three.data())).isNotNull();

        DecodedEvents none = new DecodedEvents(0);
        none.staged(one);
        assertThat(none.size()).isZero();
    }

    private static IncomingEvent incoming(long txSeq) {
        TransactionEnd end = new TransactionEnd(STREAM, "00000001", txSeq, 0, null, null,
                Instant.parse("2026-12-07T00:00:00Z"), Map.of());
        return new EventValidator().validate(EventCodec.toCloudEvent(end));
    }
}
