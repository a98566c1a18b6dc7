package io.sgstream.broker.delivery;

import io.cloudevents.CloudEvent;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Posts one CloudEvent to an HTTP subscriber and reads its answer; transport errors complete exceptionally. */
public interface HttpTransport {

    CompletableFuture<SubscriberResponse> post(URI uri, CloudEvent event, boolean structured, Duration timeout,
                                               Map<String, String> headers);
}
