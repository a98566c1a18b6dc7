package io.sgstream.broker;

import io.cloudevents.CloudEvent;
import io.sgstream.broker.delivery.TriggerDispatcher;
import io.sgstream.broker.filter.EventFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Trigger of the broker: its compiled filter and its dispatcher. */
record Route(String name, EventFilter filter, TriggerDispatcher dispatcher) {

    private static final Logger LOG = LoggerFactory.getLogger(Route.class);

    boolean matches(CloudEvent event) {
        try {
            return filter.filter(event).delivers();
        } catch (RuntimeException e) {
            LOG.error("Trigger {}: filter {} failed on event {}; not delivering it", name, filter, event.getId(), e);
            return false;
        }
    }
}
