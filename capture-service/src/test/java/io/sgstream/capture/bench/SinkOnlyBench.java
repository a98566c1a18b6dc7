package io.sgstream.capture.bench;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.capture.sink.HttpSinkConfig;
import io.sgstream.event.Column;
import io.sgstream.event.EventCodec;
import io.sgstream.event.Op;
import io.sgstream.event.Position;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Events/s through {@link HttpEventSink} alone, at several in-flight windows: the ceiling the capture can reach
 * through the sink, and how much pipelining buys over one request at a time (Debezium Server, StackGres).
 */
final class SinkOnlyBench {

    /** Distinct events cycled through, so building events is not measured and the heap holds only a few. */
    private static final int POOL = 10_000;

    private final NoOpSink sink;
    private final List<CloudEvent> pool;

    SinkOnlyBench(NoOpSink sink) {
        this.sink = sink;
        this.pool = events();
    }

    void run(BenchTable table, long events, List<Integer> windows) throws Exception {
        send(Math.min(events, 50_000), 64); // warm-up: JIT, connection pool
        for (int window : windows) {
            // one request at a time is slow: a tenth of the events says as much
            long n = window == 1 ? Math.max(1, events / 10) : events;
            MemoryWatch.reset();
            double seconds = send(n, window);
            table.add(new BenchTable.Row("sink only: HttpEventSink, window " + window, n, seconds));
        }
    }

    private double send(long n, int window) throws Exception {
        long before = sink.received();
        // retryLimit 0: on loopback any failure is a fault to report, not something to retry past
        HttpSinkConfig config = HttpSinkConfig.builder(sink.url()).maxInFlight(window).retryLimit(0).build();
        long start = System.nanoTime();
        java.util.concurrent.CountDownLatch acknowledged = new java.util.concurrent.CountDownLatch((int) n);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        try (HttpEventSink http = new HttpEventSink(config, new SimpleMeterRegistry())) {
            for (long i = 0; i < n; i++) {
                http.send(pool.get((int) (i % POOL))).whenComplete((ok, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                    acknowledged.countDown();
                });
            }
            if (!acknowledged.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("events still unacknowledged after 10 minutes");
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("an event failed", failure.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long received = sink.received() - before;
        if (received != n) {
            throw new IllegalStateException("the sink received " + received + " events, expected " + n);
        }
        return seconds;
    }

    private static List<CloudEvent> events() {
        StreamId stream = new StreamId("bench", "bench-stream");
        List<Column> columns = List.of(new Column("id", "integer", true), new Column("name", "text", false),
                new Column("v", "integer", false), new Column("note", "text", false));
        List<CloudEvent> events = new ArrayList<>(POOL);
        for (int i = 1; i <= POOL; i++) {
            var key = EventCodec.JSON.createObjectNode().put("id", i);
            var after = EventCodec.JSON.createObjectNode().put("id", i).put("name", "name-" + i).put("v", i % 1000)
                    .put("note", "a note of some length for row " + i);
            RowChange change = new RowChange(stream, "00001764064800000", new Position(1, i), Op.CREATE, "public",
                    "bench", columns, key, null, after, List.of(), "0/16B3748", 745L, Instant.now());
            events.add(EventCodec.toCloudEvent(change));
        }
        return events;
    }
}
