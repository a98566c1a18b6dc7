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
    void otherOffsetsKeepTheirOffset() {
        OffsetDateTime t = OffsetDateTime.parse("2026-12-07T01:18:21.5+01:00");
        assertThat(EventAttributes.formatTime(t)).isEqualTo("2026-12-07T01:18:21.5+01:00");
    }
}
