package io.sgstream.capture.sink;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delay before a retry: exponential backoff with full jitter (uniform in {@code [0, cap]}, the cap doubling from
 * {@code initial} up to {@code max}), so a sink recovering from an outage is not hit by every event at once. A
 * {@code Retry-After} answer wins, bounded by {@code retryAfterMax}.
 */
final class RetryBackoff {

    private final long initialNanos;
    private final long maxNanos;
    private final Duration retryAfterMax;

    RetryBackoff(Duration initial, Duration max, Duration retryAfterMax) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.retryAfterMax = retryAfterMax;
    }

    /**
     * @param retry      1 for the first retry of an event
     * @param retryAfter what the sink asked for, if it did
     */
    Duration delay(int retry, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.compareTo(retryAfterMax) > 0 ? retryAfterMax : asked;
        }
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(cap(retry) + 1));
    }

    /** The upper bound of the jittered delay for this retry. */
    long cap(int retry) {
        int doublings = Math.min(Math.max(retry - 1, 0), 62);
        long cap = initialNanos;
        for (int i = 0; i < doublings && cap < maxNanos; i++) {
            cap = cap > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : cap * 2;
        }
        return Math.min(cap, maxNanos);
    }

    /** Reads {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); empty when absent or invalid. */
    static Optional<Duration> parseRetryAfter(Optional<String> header, ZonedDateTime now) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
