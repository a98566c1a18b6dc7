package io.sgstream.local.wiring;

import io.cloudevents.CloudEvent;
import io.sgstream.broker.LocalBroker;
import io.sgstream.capture.sink.EventSink;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The capture service's sink when everything runs in one JVM: events go straight to the local broker's ingress
 * (no HTTP hop), which acknowledges like a Knative Broker. A bounded window keeps the engine from running ahead.
 */
public final class BrokerSink implements EventSink {

    private final LocalBroker broker;
    private final Semaphore window;

    public BrokerSink(LocalBroker broker, int maxInFlight) {
        this.broker = broker;
        this.window = new Semaphore(maxInFlight);
    }

    @Override
    public CompletableFuture<Void> send(CloudEvent event) {
        try {
            window.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        return broker.publishAsync(event)
                .whenComplete((report, error) -> window.release())
                .thenApply(report -> null);
    }

    @Override
    public void close() {
        // the broker belongs to the runner
    }
}
