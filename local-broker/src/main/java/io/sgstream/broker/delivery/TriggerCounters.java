package io.sgstream.broker.delivery;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Live counters of one Trigger; read through {@code BrokerStats} snapshots. */
public final class TriggerCounters {

    final LongAdder delivered = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder duplicated = new LongAdder();
    final LongAdder replies = new LongAdder();
    final AtomicInteger inFlight = new AtomicInteger();

    /** Successful subscriber deliveries, duplicates included. */
    public long delivered() {
        return delivered.sum();
    }

    /** Retry attempts to the subscriber (not counting first attempts). */
    public long retried() {
        return retried.sum();
    }

    public long deadLettered() {
        return deadLettered.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    /** Extra copies delivered by chaos mode. */
    public long duplicated() {
        return duplicated.sum();
    }

    /** Reply events the subscriber answered with, re-published to the broker. */
    public long replies() {
        return replies.sum();
    }

    /** Events admitted from the ingress and not yet finished with (replies ride on their parent's slot). */
    public int inFlight() {
        return inFlight.get();
    }
}
