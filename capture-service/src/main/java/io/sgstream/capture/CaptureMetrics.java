package io.sgstream.capture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sgstream.event.Op;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The capture's meters, tagged with the stream ({@code namespace}, {@code stream}). Prometheus names:
 * {@code sgstream_capture_events_total{op}}, {@code sgstream_capture_transactions_total},
 * {@code sgstream_capture_snapshot_rows_total{table}}, {@code sgstream_capture_snapshot_completed},
 * {@code sgstream_capture_acknowledged_txseq}, {@code sgstream_capture_lag_milliseconds},
 * {@code sgstream_capture_lag_bytes}, {@code sgstream_capture_in_flight}, {@code sgstream_capture_split_events_total}.
 * Removed from the registry when the capture stops, so a restarted capture registers fresh ones.
 */
final class CaptureMetrics implements AutoCloseable {

    private final MeterRegistry registry;
    private final Tags tags;
    private final List<Meter> meters = new ArrayList<>();
    private final Map<Op, Counter> events = new EnumMap<>(Op.class);
    private final Map<String, Counter> snapshotRows = new ConcurrentHashMap<>();
    private final Counter transactions;
    private final Counter split;
    final AtomicLong snapshotCompleted = new AtomicLong();
    final AtomicLong acknowledgedTxSeq = new AtomicLong(-1);
    final AtomicLong lagMillis = new AtomicLong(-1);
    final AtomicLong lagBytes = new AtomicLong(-1);

    CaptureMetrics(MeterRegistry registry, CaptureConfig config, Supplier<Number> inFlight) {
        this.registry = registry;
        this.tags = Tags.of("namespace", config.stream().namespace(), "stream", config.stream().name());
        for (Op op : Op.values()) {
            events.put(op, keep(Counter.builder("sgstream.capture.events").tags(tags).tag("op", op.code())
                    .description("Row change events captured, by operation").register(registry)));
        }
        transactions = keep(Counter.builder("sgstream.capture.transactions").tags(tags)
                .description("Transactions closed (the snapshot counts as one)").register(registry));
        split = keep(Counter.builder("sgstream.capture.split.events").tags(tags)
                .description("Events larger than the limit, sent as several parts").register(registry));
        gauge("sgstream.capture.snapshot.completed", "1 once the initial snapshot is complete", snapshotCompleted);
        gauge("sgstream.capture.acknowledged.txseq", "Last transaction whose events were all acknowledged",
                acknowledgedTxSeq);
        gauge("sgstream.capture.lag.milliseconds", "Source commit to acknowledgement of the last acknowledged transaction",
                lagMillis);
        gauge("sgstream.capture.lag.bytes", "WAL bytes behind the server: current LSN minus the slot's confirmed LSN",
                lagBytes);
        keep(Gauge.builder("sgstream.capture.in.flight", inFlight, s -> s.get().doubleValue()).tags(tags)
                .description("Events sent and not yet acknowledged").register(registry));
    }

    private void gauge(String name, String description, AtomicLong value) {
        keep(Gauge.builder(name, value, AtomicLong::doubleValue).tags(tags).description(description).register(registry));
    }

    private <M extends Meter> M keep(M meter) {
        meters.add(meter);
        return meter;
    }

    void event(Op op, String table) {
        events.get(op).increment();
        if (op == Op.READ) {
            snapshotRows.computeIfAbsent(table, t -> keep(Counter.builder("sgstream.capture.snapshot.rows").tags(tags)
                    .tag("table", t).description("Rows read by the initial snapshot").register(registry))).increment();
        }
    }

    void transaction() {
        transactions.increment();
    }

    void split() {
        split.increment();
    }

    @Override
    public synchronized void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }
}
