package io.sgstream.broker.delivery;

import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.duck.v1.Destination;

import java.time.Duration;

/**
 * A validated DeliverySpec in usable form, with the retry arithmetic of knative/eventing
 * pkg/kncloudevents/retries.go: up to {@code retry} retries after the first attempt; before retry number
 * {@code n} (0-based) the wait is {@code backoffDelay * 2^n} (exponential) or {@code backoffDelay * n} (linear, so
 * the first retry is immediate), and no wait at all unless both backoffPolicy and backoffDelay are set.
 *
 * @param retry          retries after the first attempt
 * @param exponential    true for {@code exponential}, false for {@code linear}; ignored without a delay
 * @param backoffDelay   base delay, or null
 * @param timeout        per-request timeout
 * @param deadLetterSink where undeliverable events go, or null to drop them
 * @param structured     {@code format: json}: deliver in structured mode instead of binary
 */
public record DeliveryPolicy(int retry, boolean exponential, Duration backoffDelay, Duration timeout,
                             Destination deadLetterSink, boolean structured) {

    /** Longest wait between two attempts. */
    public static final Duration MAX_BACKOFF = Duration.ofDays(1);

    /** Knative's cluster default ({@code config-br-defaults}): retry 10, exponential, PT0.2S. */
    public static DeliverySpec knativeDefaultSpec() {
        DeliverySpec spec = new DeliverySpec();
        spec.setRetry(10);
        spec.setBackoffPolicy("exponential");
        spec.setBackoffDelay("PT0.2S");
        return spec;
    }

    /**
     * The policy of a Trigger: its own DeliverySpec when it has one (used whole, not merged, as Knative's Trigger
     * reconciler does), else the Broker's.
     *
     * @param spec           a validated DeliverySpec, or null for "no retries, no dead-letter sink"
     * @param defaultTimeout request timeout when the spec sets none
     */
    public static DeliveryPolicy from(DeliverySpec spec, Duration defaultTimeout) {
        if (spec == null) {
            return new DeliveryPolicy(0, true, null, defaultTimeout, null, false);
        }
        int retry = spec.getRetry() == null ? 0 : spec.getRetry();
        Duration delay = spec.getBackoffPolicy() != null && spec.getBackoffDelay() != null
                ? IsoDuration.parse(spec.getBackoffDelay()).orElseThrow(() ->
                        new IllegalArgumentException("invalid backoffDelay " + spec.getBackoffDelay()))
                : null;
        Duration timeout = spec.getTimeout() == null ? defaultTimeout
                : IsoDuration.parse(spec.getTimeout()).orElseThrow(() ->
                        new IllegalArgumentException("invalid timeout " + spec.getTimeout()));
        return new DeliveryPolicy(retry, !"linear".equals(spec.getBackoffPolicy()), delay, timeout,
                spec.getDeadLetterSink(), "json".equals(spec.getFormat()));
    }

    /**
     * The wait before retry number {@code retryIndex} (0 for the first retry), capped at {@link #MAX_BACKOFF} so
     * that absurd specs (retry 100, exponential) neither overflow nor park an event for years.
     */
    public Duration backoff(int retryIndex) {
        if (backoffDelay == null) {
            return Duration.ZERO;
        }
        try {
            Duration wait = exponential
                    ? backoffDelay.multipliedBy(1L << Math.min(retryIndex, 62))
                    : backoffDelay.multipliedBy(retryIndex);
            return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
        } catch (ArithmeticException overflow) {
            return MAX_BACKOFF;
        }
    }
}
