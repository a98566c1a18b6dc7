package io.sgstream.broker.delivery;

import java.time.Duration;
import java.util.Random;

/** Draws the chaos decisions of one delivery from a shared seeded Random. */
public final class ChaosMonkey {

    /** The decisions for one event at one Trigger. */
    record Plan(Duration delay, boolean duplicate, Duration duplicateDelay) {
        static final Plan NONE = new Plan(Duration.ZERO, false, Duration.ZERO);
    }

    private final ChaosOptions options;
    private final Random random;

    public ChaosMonkey(ChaosOptions options) {
        this.options = options;
        this.random = new Random(options.seed());
    }

    synchronized Plan plan() {
        if (!options.enabled()) {
            return Plan.NONE;
        }
        Duration delay = randomDelay();
        boolean duplicate = random.nextDouble() < options.duplicateFraction();
        return new Plan(delay, duplicate, duplicate ? randomDelay() : Duration.ZERO);
    }

    private Duration randomDelay() {
        long maxNanos = options.maxDelay().toNanos();
        return maxNanos == 0 ? Duration.ZERO : Duration.ofNanos((long) (random.nextDouble() * maxNanos));
    }
}
