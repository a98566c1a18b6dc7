package io.sgstream.capture.engine;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class EpochsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00.123Z"), ZoneOffset.UTC);

    @Test
    void epochIsTheStartTimeAndAlwaysSortsAfterThePrevious() {
        assertThat(Epochs.next(null, CLOCK)).isEqualTo("20261125100000123");
        assertThat(Epochs.next("20261125095959999", CLOCK)).isEqualTo("20261125100000123");
        // the clock went backwards: still greater than the previous epoch
        assertThat(Epochs.next("20261125100000123", CLOCK)).isEqualTo("20261125100000124");
        assertThat(Epochs.next("20301231000000000", CLOCK)).isGreaterThan("20301231000000000");
    }
}
