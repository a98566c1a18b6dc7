package io.sgstream.capture.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The sink's meters. Prometheus names: {@code sgstream_sink_events_sent_total},
 * {@code sgstream_sink_events_failed_total{reason}}, {@code sgstream_sink_retries_total{cause}},
 * {@code sgstream_sink_in_flight}, {@code sgstream_sink_request_seconds{outcome}}. No tag carries the URL or a
 * header: they may hold credentials, and their cardinality is not ours to bound.
 */
final class SinkMetrics {

    private final MeterRegistry registry;
    private final Counter sent;
    private final Map<SinkDeliveryException.Reason, Counter> failed = new EnumMap<>(SinkDeliveryException.Reason.class);
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();
    private final Map<String, Timer> requests = new ConcurrentHashMap<>();

    SinkMetrics(MeterRegistry registry, Supplier<Number> inFlight) {
        this.registry = registry;
        this.sent = Counter.builder("sgstream.sink.events.sent")
                .description("Events acknowledged by the sink (any 2xx)").register(registry);
        for (SinkDeliveryException.Reason r : SinkDeliveryException.Reason.values()) {
            failed.put(r, Counter.builder("sgstream.sink.events.failed").tag("reason", r.tag())
                    .description("Events that can never be delivered; the capture stops at the first").register(registry));
        }
        // strong reference: a registry holds gauge state weakly, and the lambda has no other owner
        io.micrometer.core.instrument.Gauge.builder("sgstream.sink.in.flight", inFlight, s -> s.get().doubleValue())
                .description("Events sent and not yet acknowledged or failed").strongReference(true).register(registry);
    }

    void sent() {
        sent.increment();
    }

    void failed(SinkDeliveryException.Reason reason) {
        failed.get(reason).increment();
    }

    /** @param cause a bounded label: {@code transport}, {@code timeout}, {@code 404}, {@code 429}, {@code 5xx}... */
    void retried(String cause) {
        retries.computeIfAbsent(cause, c -> Counter.builder("sgstream.sink.retries").tag("cause", c)
                .description("Attempts that failed transiently and were scheduled again").register(registry)).increment();
    }

    /** @param outcome {@code success}, {@code retryable}, {@code rejected} or {@code transport} */
    void request(String outcome, long nanos) {
        requests.computeIfAbsent(outcome, o -> Timer.builder("sgstream.sink.request").tag("outcome", o)
                        .description("Duration of one HTTP attempt").publishPercentileHistogram().register(registry))
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
