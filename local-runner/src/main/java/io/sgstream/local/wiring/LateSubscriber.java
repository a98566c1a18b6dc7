package io.sgstream.local.wiring;

import io.cloudevents.CloudEvent;
import io.sgstream.broker.delivery.InProcessSubscriber;
import io.sgstream.broker.delivery.Reply;

/**
 * A subscriber that exists before the component behind it (the capture needs the broker, the broker needs its
 * subscribers): until {@link #bind} it answers 503, which the broker retries, like a Knative Service scaling up.
 */
public final class LateSubscriber implements InProcessSubscriber {

    private volatile InProcessSubscriber target;

    public void bind(InProcessSubscriber subscriber) {
        this.target = subscriber;
    }

    @Override
    public Reply handle(CloudEvent event) throws Exception {
        InProcessSubscriber t = target;
        return t == null ? Reply.status(503, "not started yet") : t.handle(event);
    }
}
