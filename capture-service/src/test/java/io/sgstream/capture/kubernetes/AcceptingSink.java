package io.sgstream.capture.kubernetes;

import io.micrometer.core.instrument.MeterRegistry;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.capture.sink.HttpSinkConfig;
import io.sgstream.capture.sink.LoopbackSink;

import java.time.Duration;

/** A capture's event sink posting to a loopback endpoint that accepts everything (202) and records it. */
final class AcceptingSink implements AutoCloseable {

    final LoopbackSink target;
    final HttpEventSink sink;

    AcceptingSink(MeterRegistry registry) throws Exception {
        target = LoopbackSink.http(r -> LoopbackSink.Reply.status(202));
        sink = new HttpEventSink(HttpSinkConfig.builder(target.url()).maxInFlight(8)
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build(), registry);
    }

    @Override
    public void close() {
        sink.close();
        target.close();
    }
}
