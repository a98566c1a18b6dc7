package io.sgstream.broker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of the broker's counters, for the local runner's progress display.
 *
 * @param accepted        events admitted at the ingress (HTTP or in-process), replies excluded
 * @param rejected        events refused at the ingress (malformed over HTTP is counted by the HTTP layer only as
 *                        a 400, not here; this counts empty required attributes and spent TTLs)
 * @param unmatched       accepted events no Trigger wanted
 * @param repliesExpired  reply events dropped because their {@code knativebrokerttl} was spent (a reply loop)
 * @param triggers        counters per Trigger name
 */
public record BrokerStats(long accepted, long rejected, long unmatched, long repliesExpired,
                          Map<String, TriggerStats> triggers) {

    public BrokerStats {
        triggers = Collections.unmodifiableMap(new LinkedHashMap<>(triggers));
    }

    /** The counters of one Trigger; all zero if it has none. */
    public TriggerStats trigger(String name) {
        return triggers.getOrDefault(name, new TriggerStats(0, 0, 0, 0, 0, 0, 0));
    }
}
