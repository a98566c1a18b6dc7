package io.sgstream.capture.sink;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.bench.NoOpSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many events from a plain thread through a full window against a fast server in another process: the load under
 * which requests issued outside a Vert.x context once never completed (their response ended before its body
 * handler was set on the requester's context).
 */
class HttpEventSinkLoadTest {

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES) // the bug blocked send() on a full window: interrupt, then fail
    void everyEventOfALongRunIsAcknowledged() throws Exception {
        try (NoOpSink server = NoOpSink.start()) {
            for (int window : new int[] {8, 64}) {
                int events = 25_000;
                long before = server.received();
                CountDownLatch acknowledged = new CountDownLatch(events);
                AtomicReference<Throwable> failure = new AtomicReference<>();
                HttpSinkConfig config = HttpSinkConfig.builder(server.url()).maxInFlight(window).retryLimit(0).build();
                try (HttpEventSink sink = new HttpEventSink(config, new SimpleMeterRegistry())) {
                    for (int i = 0; i < events; i++) {
                        sink.send(TestEvents.change("e" + i)).whenComplete((ok, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                            acknowledged.countDown();
                        });
                    }
                    assertThat(acknowledged.await(2, TimeUnit.MINUTES))
                            .as("unacknowledged events with window %d: %d", window, acknowledged.getCount()).isTrue();
                }
                assertThat(failure.get()).isNull();
                assertThat(server.received() - before).isEqualTo(events);
            }
        }
    }
}
