package io.sgstream.capture.engine;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Epoch names: the UTC start time as a fixed-width number ({@code yyyyMMddHHmmssSSS}), so a later incarnation of a
 * stream sorts after an earlier one, as the contract promises, and a person can read when it began. Strictly greater
 * than the previous epoch even when the clock went backwards.
 */
public final class Epochs {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);
    private static final int WIDTH = 17;

    private Epochs() {
    }

    /** A new epoch, greater than {@code previous} (null when the stream has none yet). */
    public static String next(String previous, Clock clock) {
        String now = FORMAT.format(clock.instant());
        if (previous == null || now.compareTo(previous) > 0 || previous.length() != WIDTH || !isDigits(previous)) {
            return now;
        }
        return String.format("%0" + WIDTH + "d", Long.parseLong(previous) + 1);
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
