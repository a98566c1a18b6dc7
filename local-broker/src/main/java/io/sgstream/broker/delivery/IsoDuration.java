package io.sgstream.broker.delivery;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISO-8601 durations as Knative's DeliverySpec accepts them ({@code PT0.2S}, {@code PT1M}, {@code P1D}...).
 * {@link Duration#parse} alone rejects years, months and weeks, which Knative's period parser accepts; those are
 * converted with the same average lengths (365.2425-day year, 1/12 of it per month).
 */
public final class IsoDuration {

    private static final Pattern ISO = Pattern.compile(
            "P(?:(\\d+(?:[.,]\\d+)?)Y)?(?:(\\d+(?:[.,]\\d+)?)M)?(?:(\\d+(?:[.,]\\d+)?)W)?(?:(\\d+(?:[.,]\\d+)?)D)?"
                    + "(?:T(?:(\\d+(?:[.,]\\d+)?)H)?(?:(\\d+(?:[.,]\\d+)?)M)?(?:(\\d+(?:[.,]\\d+)?)S)?)?");

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal DAY = BigDecimal.valueOf(86_400L);
    private static final BigDecimal[] UNIT_SECONDS = {
            new BigDecimal("365.2425").multiply(DAY),                                    // year
            new BigDecimal("365.2425").multiply(DAY).divide(BigDecimal.valueOf(12)),     // month
            BigDecimal.valueOf(7).multiply(DAY),                                         // week
            DAY,                                                                         // day
            BigDecimal.valueOf(3600),                                                    // hour
            BigDecimal.valueOf(60),                                                      // minute
            BigDecimal.ONE,                                                              // second
    };

    private IsoDuration() {
    }

    /** The duration, or empty if the text is not an ISO-8601 duration. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = ISO.matcher(text.trim());
        if (!m.matches() || text.trim().equals("P") || text.trim().endsWith("T")) {
            return Optional.empty();
        }
        BigDecimal seconds = BigDecimal.ZERO;
        for (int group = 1; group <= UNIT_SECONDS.length; group++) {
            String amount = m.group(group);
            if (amount != null) {
                seconds = seconds.add(new BigDecimal(amount.replace(',', '.')).multiply(UNIT_SECONDS[group - 1]));
            }
        }
        try {
            return Optional.of(Duration.ofNanos(seconds.multiply(NANOS_PER_SECOND).toBigInteger().longValueExact()));
        } catch (ArithmeticException beyond292Years) {
            return Optional.empty();
        }
    }
}
