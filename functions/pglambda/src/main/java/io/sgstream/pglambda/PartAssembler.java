package io.sgstream.pglambda;

import io.cloudevents.CloudEvent;
import io.sgstream.event.EventAttributes;
import io.sgstream.event.EventParts;
import io.sgstream.event.MalformedEventException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Holds the parts of split events in memory until all have arrived. A part is acknowledged when it is held (an
 * ordered Kafka broker would otherwise never deliver the next part), so the parts of one event must reach the same
 * replica, and a crash loses an incomplete event; parts are kept after the whole event ran until it succeeded, so a
 * retried last part completes it again. Bounded in bytes and in age; evictions are counted.
 */
final class PartAssembler {

    private record Pending(Map<Integer, CloudEvent> parts, long bytes, Instant firstSeen) {
    }

    private final long maxBytes;
    private final Duration maxAge;
    private final Clock clock;
    private final Runnable onEvict;
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    private long bytes;

    PartAssembler(long maxBytes, Duration maxAge, Clock clock, Runnable onEvict) {
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
        this.clock = clock;
        this.onEvict = onEvict;
    }

    /** The key under which the parts of an event are gathered: its stream and whole-event id. */
    static String key(CloudEvent part) {
        return part.getSource() + " " + EventParts.wholeId(part);
    }

    /**
     * Adds a part.
     *
     * @return the whole event when this part completed it
     * @throws MalformedEventException when the parts do not join (their event is forgotten)
     */
    synchronized Optional<CloudEvent> offer(CloudEvent part) {
        expire();
        String key = key(part);
        int index = index(part);
        int count = EventParts.partCount(part);
        if (index < 1 || index > count) {
            throw new MalformedEventException("part index " + index + " out of 1.." + count + " in " + part.getId());
        }
        int size = part.getData() == null ? 0 : part.getData().toBytes().length;
        Pending p = pending.remove(key);
        if (p != null && EventParts.partCount(p.parts().values().iterator().next()) != count) {
            bytes -= p.bytes();
            throw new MalformedEventException("part " + part.getId() + " does not belong to " + EventParts.wholeId(part)
                    + ": its parts disagree on their count");
        }
        if (p == null) {
            p = new Pending(new HashMap<>(), 0, clock.instant());
        } else {
            bytes -= p.bytes();
        }
        CloudEvent previous = p.parts().put(index, part);
        long entryBytes = p.bytes() + size - (previous == null || previous.getData() == null ? 0 : previous.getData().toBytes().length);
        p = new Pending(p.parts(), entryBytes, p.firstSeen());
        pending.put(key, p); // re-inserted: the most recently active event is evicted last
        bytes += entryBytes;
        evictOverBudget(key);
        if (p.parts().size() < count) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventParts.join(new ArrayList<>(p.parts().values())));
        } catch (MalformedEventException e) {
            forget(key);
            throw e;
        }
    }

    /** Drops the parts of an event that ran to a final answer. */
    synchronized void forget(String key) {
        Pending p = pending.remove(key);
        if (p != null) {
            bytes -= p.bytes();
        }
    }

    synchronized int pendingEvents() {
        return pending.size();
    }

    private void expire() {
        Instant oldest = clock.instant().minus(maxAge);
        Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Pending p = it.next().getValue();
            if (p.firstSeen().isBefore(oldest)) {
                it.remove();
                bytes -= p.bytes();
                onEvict.run();
            }
        }
    }

    private void evictOverBudget(String keep) {
        Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<String, Pending> e = it.next();
            if (!e.getKey().equals(keep)) {
                it.remove();
                bytes -= e.getValue().bytes();
                onEvict.run();
            }
        }
    }

    private static int index(CloudEvent part) {
        Object v = part.getExtension(EventAttributes.PART_INDEX);
        try {
            return Integer.parseInt(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new MalformedEventException("extension attribute 'partindex' must be a number, was '" + v + "'");
        }
    }
}
