package io.sgstream.broker.delivery;

/** How one Trigger's delivery of one event ended; every outcome acknowledges the event at the ingress. */
public enum DeliveryOutcome {
    /** The subscriber acknowledged it (after retries, if any). */
    DELIVERED,
    /** The subscriber never did; the deadLetterSink acknowledged it. */
    DEAD_LETTERED,
    /** Neither subscriber nor deadLetterSink (if any) acknowledged it: dropped and logged, as Knative does. */
    DROPPED
}
