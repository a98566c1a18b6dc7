package io.sgstream.broker.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * Test and demo mode that makes the local broker as unfriendly as a real one may be, reproducibly: every delivery
 * waits a random time in {@code [0, maxDelay]} (so events in flight together reach a subscriber out of order) and
 * a fraction of deliveries is made twice (each copy with its own delay). Random choices come from one
 * {@code java.util.Random(seed)} drawn when the event enters a Trigger, so a single publishing thread gets the same
 * decisions on every run. Reordering needs concurrency: a producer that waits for each ack sees no reordering.
 *
 * @param seed              seed of the random choices
 * @param duplicateFraction share of deliveries made twice, 0 to 1
 * @param maxDelay          upper bound of the random delay before each delivery; zero for none
 */
public record ChaosOptions(long seed, double duplicateFraction, Duration maxDelay) {

    public ChaosOptions {
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (duplicateFraction < 0 || duplicateFraction > 1) {
            throw new IllegalArgumentException("duplicateFraction must be within [0, 1], got " + duplicateFraction);
        }
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must not be negative, got " + maxDelay);
        }
    }

    public static ChaosOptions off() {
        return new ChaosOptions(0, 0, Duration.ZERO);
    }

    public boolean enabled() {
        return duplicateFraction > 0 || !maxDelay.isZero();
    }
}
