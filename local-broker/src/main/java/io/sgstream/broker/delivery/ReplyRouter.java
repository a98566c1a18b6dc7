package io.sgstream.broker.delivery;

import io.cloudevents.CloudEvent;

import java.util.concurrent.CompletableFuture;

/** Where a subscriber's reply goes: back into the broker, evaluated against every Trigger. */
@FunctionalInterface
public interface ReplyRouter {

    /**
     * Re-publishes a reply; completes once every Trigger it matches is done with it, so the event that produced
     * the reply is only acknowledged after the reply itself is safe.
     *
     * @param parentTtl the TTL of the event that was replied to
     * @param trigger   the Trigger whose subscriber replied
     */
    CompletableFuture<Void> route(CloudEvent reply, int parentTtl, String trigger);
}
