package io.sgstream.broker.delivery;

import io.cloudevents.CloudEvent;

/**
 * A subscriber running in the broker's process, addressed by a Trigger's {@code spec.subscriber.ref} name. It is
 * called concurrently (up to the Trigger's in-flight limit) and must answer like an HTTP function would; an
 * exception counts as a 500, which is retried. It should reply rather than publish to the broker itself: a
 * synchronous publish from inside a handler can wait on the very slots the handler holds.
 */
@FunctionalInterface
public interface InProcessSubscriber {

    Reply handle(CloudEvent event) throws Exception;
}
