package io.sgstream.capture.sink;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackoffTest {

    private final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(6), Duration.ofSeconds(60), Duration.ofMinutes(5));

    @Test
    void capStartsAtTheInitialDelayAndDoublesUpToTheMaximum() {
        assertThat(backoff.cap(1)).isEqualTo(Duration.ofSeconds(6).toNanos());
        assertThat(backoff.cap(2)).isEqualTo(Duration.ofSeconds(12).toNanos());
        assertThat(backoff.cap(4)).isEqualTo(Duration.ofSeconds(48).toNanos());
        assertThat(backoff.cap(5)).isEqualTo(Duration.ofSeconds(60).toNanos());
        assertThat(backoff.cap(10_000)).isEqualTo(Duration.ofSeconds(60).toNanos());
    }

    @Test
    void fullJitterStaysWithinTheCap() {
        for (int retry = 1; retry < 12; retry++) {
            for (int i = 0; i < 200; i++) {
                Duration d = backoff.delay(retry, Optional.empty());
                assertThat(d).isBetween(Duration.ZERO, Duration.ofNanos(backoff.cap(retry)));
            }
        }
    }

    @Test
    void retryAfterWinsUpToItsMaximum() {
        assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(90)))).isEqualTo(Duration.ofSeconds(90));
        assertThat(backoff.delay(1, Optional.of(Duration.ofHours(2)))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void retryAfterIsReadAsSecondsOrHttpDate() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 25, 10, 0, 0, 0, ZoneOffset.UTC);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30));

        assertThat(RetryBackoff.parseRetryAfter(Optional.of("7"), now)).contains(Duration.ofSeconds(7));
        assertThat(RetryBackoff.parseRetryAfter(Optional.of(date), now)).contains(Duration.ofSeconds(30));
        assertThat(RetryBackoff.parseRetryAfter(Optional.of(DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusSeconds(5))), now))
                .contains(Duration.ZERO);
        assertThat(RetryBackoff.parseRetryAfter(Optional.of("soon"), now)).isEmpty();
        assertThat(RetryBackoff.parseRetryAfter(Optional.of("-3"), now)).isEmpty();
        assertThat(RetryBackoff.parseRetryAfter(Optional.empty(), now)).isEmpty();
    }
}
