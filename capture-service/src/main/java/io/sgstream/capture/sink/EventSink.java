package io.sgstream.capture.sink;

import io.cloudevents.CloudEvent;

import java.util.concurrent.CompletableFuture;

/**
 * Where the capture service delivers its CloudEvents: a Knative Broker, any CloudEvents HTTP endpoint (the
 * {@code CloudEvent} target), or the in-process local broker.
 *
 * <p>Contract: {@link #send} may block while the sink's in-flight window is full (that is the back-pressure on the
 * Debezium engine). The returned future completes normally only once the sink acknowledged the event (any 2xx);
 * transient failures are retried inside the sink. It completes exceptionally only when the event can never be
 * delivered (retry limit reached, non-retryable rejection, sink closed): the capture then stops without committing
 * past that event, so nothing is lost.
 */
public interface EventSink extends AutoCloseable {

    CompletableFuture<Void> send(CloudEvent event);

    @Override
    void close();
}
