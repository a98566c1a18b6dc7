package io.sgstream.local.targets;

import io.fabric8.knative.duck.v1.DeliverySpec;
import io.sgstream.api.spec.CloudEventHttp;
import io.sgstream.api.spec.TargetCloudEvent;
import io.sgstream.broker.BrokerStats;
import io.sgstream.broker.TriggerStats;
import io.sgstream.broker.delivery.SubscriberRegistry;
import io.sgstream.capture.CaptureStatus;
import io.sgstream.event.StreamId;

import java.io.PrintStream;
import java.net.URI;
import java.util.function.Supplier;

/**
 * A CloudEvent target: the stream's events go through the local broker, filtered by the stream's Trigger
 * ({@code <stream>-cloudevent}), to {@code spec.target.cloudEvent.http.url}, with the Trigger's delivery
 * (retries from {@code retryLimit} and {@code retryBackoffDelay}, timeout from {@code readTimeout}). The broker
 * acknowledges the capture only once the endpoint accepted an event (2xx) or its retries were spent, so the stream
 * has caught up when the capture's acknowledged position does.
 */
public final class CloudEventTarget implements StreamTarget {

    /** Retries when the SGStream sets no retryLimit: Knative's default. */
    static final int DEFAULT_RETRIES = 10;
    /** retryLimit -1 (StackGres: retry forever), bounded so that a dead endpoint still ends the run. */
    static final int UNLIMITED_RETRIES = 1000;

    private final String trigger;
    private final URI url;
    private volatile Supplier<BrokerStats> stats = () -> null;

    public CloudEventTarget(StreamId id, TargetCloudEvent target, SubscriberRegistry subscribers) {
        CloudEventHttp http = target.getHttp();
        if (http == null || http.getUrl() == null) {
            throw new IllegalArgumentException("spec.target.cloudEvent.http.url is required for a CloudEvent target");
        }
        this.trigger = id.name() + "-cloudevent";
        this.url = URI.create(http.getUrl());
        subscribers.register(trigger, url);
    }

    /** The suffix of the Trigger and subscriber names: {@code <stream>-cloudevent}. */
    public static String suffix() {
        return "cloudevent";
    }

    /** The Trigger's delivery, from the SGStream's http section. */
    public static DeliverySpec delivery(TargetCloudEvent target) {
        CloudEventHttp http = target.getHttp();
        DeliverySpec spec = new DeliverySpec();
        Integer limit = http == null ? null : http.getRetryLimit();
        spec.setRetry(limit == null ? DEFAULT_RETRIES : limit < 0 ? UNLIMITED_RETRIES : limit);
        spec.setBackoffPolicy("linear");
        spec.setBackoffDelay("PT" + (http == null ? CloudEventHttp.DEFAULT_RETRY_BACKOFF_DELAY_SECONDS : http.retryBackoffDelayOrDefault()) + "S");
        if (http != null) {
            http.readTimeoutDuration().ifPresent(t -> spec.setTimeout(t.toString()));
        }
        return spec;
    }

    /** The broker whose Trigger counters tell what reached the endpoint. */
    public void counters(Supplier<BrokerStats> brokerStats) {
        this.stats = brokerStats;
    }

    private TriggerStats triggerStats() {
        BrokerStats s = stats.get();
        return s == null ? null : s.triggers().entrySet().stream().filter(e -> e.getKey().endsWith("/" + trigger)
                || e.getKey().equals(trigger)).map(java.util.Map.Entry::getValue).findFirst().orElse(null);
    }

    @Override
    public String progress() {
        TriggerStats t = triggerStats();
        return t == null ? "delivered -" : String.format("delivered %,d to %s (dropped %,d)", t.delivered(), url, t.dropped() + t.deadLettered());
    }

    @Override
    public boolean caughtUp(CaptureStatus capture) {
        TriggerStats t = triggerStats();
        return t != null && t.inFlight() == 0; // acknowledged by the broker means done with (see the class comment)
    }

    @Override
    public String failure() {
        return null; // an endpoint that refuses events is retried, then they are dropped: the report says so
    }

    @Override
    public boolean completed() {
        return true;
    }

    @Override
    public int report(PrintStream out, boolean caughtUp, boolean completed) {
        TriggerStats t = triggerStats();
        out.println();
        if (t == null) {
            out.println("CloudEvent: no delivery counters for Trigger " + trigger);
            return 1;
        }
        out.printf("CloudEvent: %,d events delivered to %s, %,d retried, %,d dropped, %,d dead-lettered%n", t.delivered(), url,
                t.retried(), t.dropped(), t.deadLettered());
        return caughtUp && t.dropped() == 0 && t.deadLettered() == 0 ? 0 : 1;
    }

    @Override
    public void close() {
        // nothing held: the broker owns the HTTP client
    }
}
