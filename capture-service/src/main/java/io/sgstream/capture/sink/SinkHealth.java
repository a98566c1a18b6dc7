package io.sgstream.capture.sink;

import java.time.Instant;

/**
 * What the sink knows about its endpoint from real deliveries, for the readiness probe.
 *
 * @param failingAttempts   attempts in a row that got a transport error or a retryable status (0 = healthy)
 * @param lastProblem       description of the last failed attempt (no credentials), or null
 * @param lastAcknowledged  when an event was last acknowledged, or null if none yet
 */
public record SinkHealth(int failingAttempts, String lastProblem, Instant lastAcknowledged) {

    public boolean failing() {
        return failingAttempts > 0;
    }
}
