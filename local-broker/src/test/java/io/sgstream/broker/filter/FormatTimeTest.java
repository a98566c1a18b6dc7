package io.sgstream.broker.filter;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written UTC path of formatTime prints exactly what Go's RFC3339Nano (the formatter) prints. */
class FormatTimeTest {

    private static final DateTimeFormatter GO_RFC3339_NANO = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT);

    @Test
    void utcTimesAsGoPrintsThem() {
        assertThat(EventAttributes.formatTime(OffsetDateTime.parse("2026-12-07T00:18:21Z"))).isEqualTo("2026-12-07T00:18:21Z");
        assertThat(EventAttributes.formatTime(OffsetDateTime.parse("2026-12-07T00:18:21.120Z"))).isEqualTo("2026-12-07T00:18:21.12Z");
        assertThat(EventAttributes.formatTime(OffsetDateTime.parse("0001-01-01T00:00:00.000000001Z")))
                .isEqualTo("0001-01-01T00:00:00.000000001Z");
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            OffsetDateTime t = OffsetDateTime.of(1 + random.nextInt(9999), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    random.nextBoolean() ? random.nextInt(1_000_000_000) : random.nextInt(1000) * 1_000_000, ZoneOffset.UTC);
            assertThat(EventAttributes.formatTime(t)).isEqualTo(GO_RFC3339_NANO.format(t));
        }
    }

    @Test
    void instantsPrintAsTheirUtcTime() {
        assertThat(EventAttributes.formatTime(java.time.Instant.parse("2026-12-07T00:18:21Z"))).isEqualTo("2026-12-07T00:18:21Z");
        Random random = new Random(11);
        long second = 1_796_000_000L;
        for (int i = 0; i < 10_000; i++) {
            // runs of the same second (the cached prefix) and jumps anywhere in years 0000-9999 and beyond
            second = random.nextInt(4) == 0 ? random.nextLong(-62_167_219_200L, 253_402_300_800L + 86_400L * 400) : second + random.nextInt(2);
            int nanos = random.nextInt(3) == 0 ? 0 : random.nextBoolean() ? random.nextInt(1_000_000_000) : random.nextInt(1000) * 1_000_000;
            java.time.Instant t = java.time.Instant.ofEpochSecond(second, nanos);
            assertThat(EventAttributes.formatTime(t)).isEqualTo(GO_RFC3339_NANO.format(t.atOffset(ZoneOffset.UTC)));
        }
    }

    @Test
    void otherOffsetsKeepTheirOffset() {
        OffsetDateTime t = OffsetDateTime.parse("2026-12-07T01:18:21.5+01:00");
        assertThat(EventAttributes.formatTime(t)).isEqualTo("2026-12-07T01:18:21.5+01:00");
    }
}
