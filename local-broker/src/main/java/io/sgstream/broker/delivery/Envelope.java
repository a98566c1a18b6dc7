package io.sgstream.broker.delivery;

import io.cloudevents.CloudEvent;

/**
 * An event inside the broker with its remaining loop budget. The TTL travels beside the event rather than in it:
 * Knative's broker filter strips {@code knativebrokerttl} before filtering and delivering, and puts it back only on
 * replies.
 */
public record Envelope(CloudEvent event, int ttl) {
}
