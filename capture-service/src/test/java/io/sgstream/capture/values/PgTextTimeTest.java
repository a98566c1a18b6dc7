package io.sgstream.capture.values;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PGInterval;

import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written fraction of times and intervals: microseconds, trailing zeros trimmed (times) or kept (intervals). */
class PgTextTimeTest {

    @Test
    void timeTrimsTrailingZerosOfTheMicroseconds() {
        assertThat(PgText.time(LocalTime.of(1, 2, 3))).isEqualTo("01:02:03");
        assertThat(PgText.time(LocalTime.of(1, 2, 3, 500_000_000))).isEqualTo("01:02:03.5");
        assertThat(PgText.time(LocalTime.of(23, 59, 59, 120_000))).isEqualTo("23:59:59.00012");
        assertThat(PgText.time(LocalTime.of(0, 0, 0, 1_000))).isEqualTo("00:00:00.000001");
        assertThat(PgText.time(LocalTime.of(12, 0, 0, 123_456_789))).isEqualTo("12:00:00.123456");
        assertThat(PgText.time(LocalTime.of(12, 0, 0, 999))).isEqualTo("12:00:00"); // below a microsecond
    }

    @Test
    void intervalKeepsSixFractionDigits() {
        assertThat(PgText.interval(new PGInterval(1, 2, 3, 4, 5, 6.000007)))
                .isEqualTo("1 years 2 mons 3 days 4 hours 5 mins 6.000007 secs");
        assertThat(PgText.interval(new PGInterval(0, 0, 0, 0, 0, -1.5)))
                .isEqualTo("0 years 0 mons 0 days 0 hours 0 mins -1.500000 secs");
    }
}
