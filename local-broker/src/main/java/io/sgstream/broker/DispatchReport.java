package io.sgstream.broker;

import io.sgstream.broker.delivery.DeliveryOutcome;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What became of a published event at each Trigger it matched (replies are not listed: they are dispatched before
 * the Trigger that received them completes).
 *
 * @param eventId  the event's id
 * @param outcomes outcome per matching Trigger name; empty if no Trigger matched
 */
public record DispatchReport(String eventId, Map<String, DeliveryOutcome> outcomes) {

    public DispatchReport {
        outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    public Set<String> matchedTriggers() {
        return outcomes.keySet();
    }

    public DeliveryOutcome outcome(String trigger) {
        return outcomes.get(trigger);
    }
}
