package io.sgstream.broker;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.sgstream.broker.delivery.Envelope;
import io.sgstream.broker.filter.EventAttributes;

import java.time.Clock;
import java.util.Optional;

/**
 * What a Knative Broker ingress does to an event before routing it (knative/eventing pkg/broker/ingress and
 * pkg/broker/ttl.go): validate it, manage the {@code knativebrokerttl} loop budget (default on entry, decrement on
 * each pass, refuse at 0), stamp {@code knativearrivaltime}, and present extension values as the strings they
 * become on the HTTP hop, so filters behave the same whether an event came in over HTTP or in-process.
 */
final class IngressPolicy {

    static final String TTL = "knativebrokerttl";
    static final String ARRIVAL_TIME = "knativearrivaltime";

    private final int maxTtl;
    private final Clock clock;

    IngressPolicy(int maxTtl, Clock clock) {
        this.maxTtl = maxTtl;
        this.clock = clock;
    }

    /** An event from a producer. */
    Envelope admit(CloudEvent event) {
        requireValid(event);
        int ttl = incomingTtl(event);
        if (ttl <= 0) {
            throw new EventRejectedException("event " + event.getId() + " dropped: " + TTL + " is spent");
        }
        return new Envelope(normalize(event), ttl);
    }

    /**
     * A reply: the broker filter gives it the TTL of the event it answers, and the ingress decrements it.
     *
     * @return empty when the TTL is spent (the loop guard)
     */
    Optional<Envelope> admitReply(CloudEvent reply, int parentTtl) {
        requireValid(reply);
        int ttl = parentTtl - 1;
        return ttl <= 0 ? Optional.empty() : Optional.of(new Envelope(normalize(reply), ttl));
    }

    private int incomingTtl(CloudEvent event) {
        Object raw = event.getExtension(TTL);
        if (raw == null) {
            return maxTtl;
        }
        try {
            int ttl = raw instanceof Number ? ((Number) raw).intValue() : Integer.parseInt(raw.toString().trim());
            return Math.max(ttl - 1, 0);
        } catch (NumberFormatException e) {
            return maxTtl; // Knative's TTLDefaulter: an unreadable TTL is replaced by the default
        }
    }

    private CloudEvent normalize(CloudEvent event) {
        CloudEventBuilder builder = CloudEventBuilder.from(event).withoutExtension(TTL);
        for (String name : event.getExtensionNames()) {
            Object value = event.getExtension(name);
            if (!TTL.equals(name) && value != null && !(value instanceof String)) {
                builder.withExtension(name, EventAttributes.canonicalString(value));
            }
        }
        builder.withExtension(ARRIVAL_TIME, EventAttributes.formatTime(clock.instant()));
        return builder.build();
    }

    private static void requireValid(CloudEvent event) {
        if (isEmpty(event.getId()) || isEmpty(event.getType()) || event.getSource() == null
                || event.getSource().toString().isEmpty()) {
            throw new EventRejectedException("invalid CloudEvent: id, source and type must be non-empty (id="
                    + event.getId() + ", source=" + event.getSource() + ", type=" + event.getType() + ")");
        }
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
