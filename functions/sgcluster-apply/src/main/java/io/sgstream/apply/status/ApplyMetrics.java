package io.sgstream.apply.status;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sgstream.apply.AcceptResult;
import io.sgstream.apply.sql.RowCounts;
import io.sgstream.apply.state.StreamState;
import io.sgstream.event.Op;
import io.sgstream.event.StreamId;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Micrometer meters of the apply, exported by Prometheus as {@code sgstream_apply_*}:
 * <ul>
 * <li>{@code sgstream_apply_events_total{outcome}}: delivered events by outcome (staged, applied, duplicate,
 *     stale, rejected, overloaded, unavailable, failed);</li>
 * <li>{@code sgstream_apply_rows_total{stream,table,op}}: changes applied;</li>
 * <li>{@code sgstream_apply_transactions_total{stream}}: source transactions applied;</li>
 * <li>{@code sgstream_apply_missed_rows_total{stream}}: updates/deletes whose row was absent on the target;</li>
 * <li>{@code sgstream_apply_failures_total{stream,kind}}: apply attempts that failed (transient, permanent);</li>
 * <li>gauges per stream: {@code sgstream_apply_applied_txseq}, {@code sgstream_apply_lag_seconds} (now minus
 *     the source commit time of the last applied transaction), {@code sgstream_apply_pending_events} (staged,
 *     not yet applied), {@code sgstream_apply_failed} (1 while stopped by an error).</li>
 * </ul>
 * Row counts are also kept per table for the status; they count what this process applied since it started.
 */
public final class ApplyMetrics {

    private final MeterRegistry registry;
    private final Map<AcceptResult.Outcome, Counter> outcomes = new EnumMap<>(AcceptResult.Outcome.class);
    private final Map<StreamId, StreamMeters> streams = new ConcurrentHashMap<>();

    public ApplyMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (AcceptResult.Outcome o : AcceptResult.Outcome.values()) {
            outcomes.put(o, Counter.builder("sgstream.apply.events").description("Delivered events by outcome")
                    .tag("outcome", o.name().toLowerCase()).register(registry));
        }
    }

    public void accepted(AcceptResult result) {
        outcomes.get(result.outcome()).increment();
    }

    public void applied(StreamId stream, RowCounts counts, int transactions) {
        StreamMeters m = meters(stream);
        counts.byTable().forEach((table, ops) -> ops.forEach((op, n) -> {
            m.rows.computeIfAbsent(table, t -> new ConcurrentHashMap<>())
                    .computeIfAbsent(op, o -> new LongAdder()).add(n);
            Counter.builder("sgstream.apply.rows").description("Row changes applied")
                    .tags("stream", stream.toString(), "table", table, "op", op.code())
                    .register(registry).increment(n);
        }));
        if (transactions > 0) {
            m.transactions.increment(transactions);
        }
        if (counts.missedRows() > 0) {
            m.missedRows.increment(counts.missedRows());
        }
    }

    public void position(StreamState state) {
        StreamMeters m = meters(state.stream());
        m.appliedTxSeq.set(state.appliedTxSeq());
        m.lastCommitTime = state.lastCommitTime();
        m.failed.set(state.failure() == null ? 0 : 1);
    }

    public void pending(StreamId stream, long events) {
        meters(stream).pending.set(events);
    }

    public void failure(StreamId stream, boolean transientFailure) {
        Counter.builder("sgstream.apply.failures").description("Apply attempts that failed")
                .tags("stream", stream.toString(), "kind", transientFailure ? "transient" : "permanent")
                .register(registry).increment();
    }

    /** Changes applied by this process per table and op code. */
    public Map<String, Map<String, Long>> rows(StreamId stream) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        StreamMeters m = streams.get(stream);
        if (m != null) {
            m.rows.forEach((table, ops) -> {
                Map<String, Long> byOp = new LinkedHashMap<>();
                ops.forEach((op, n) -> byOp.put(op.code(), n.sum()));
                out.put(table, byOp);
            });
        }
        return out;
    }

    public long missedRows(StreamId stream) {
        StreamMeters m = streams.get(stream);
        return m == null ? 0 : (long) m.missedRows.count();
    }

    private StreamMeters meters(StreamId stream) {
        return streams.computeIfAbsent(stream, s -> new StreamMeters(registry, s));
    }

    private static final class StreamMeters {
        final Map<String, Map<Op, LongAdder>> rows = new ConcurrentHashMap<>();
        final AtomicLong appliedTxSeq = new AtomicLong(-1);
        final AtomicLong pending = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final Counter transactions;
        final Counter missedRows;
        volatile Instant lastCommitTime;

        StreamMeters(MeterRegistry registry, StreamId stream) {
            String name = stream.toString();
            transactions = Counter.builder("sgstream.apply.transactions").description("Source transactions applied")
                    .tag("stream", name).register(registry);
            missedRows = Counter.builder("sgstream.apply.missed.rows")
                    .description("Updates and deletes whose row was not on the target").tag("stream", name).register(registry);
            Gauge.builder("sgstream.apply.applied.txseq", appliedTxSeq, AtomicLong::get)
                    .description("Last source transaction applied (-1: snapshot incomplete)").tag("stream", name).register(registry);
            Gauge.builder("sgstream.apply.pending.events", pending, AtomicLong::get)
                    .description("Events staged and not yet applied").tag("stream", name).register(registry);
            Gauge.builder("sgstream.apply.failed", failed, AtomicLong::get)
                    .description("1 while the stream is stopped by an error").tag("stream", name).register(registry);
            Gauge.builder("sgstream.apply.lag", this, StreamMeters::lagSeconds).baseUnit("seconds")
                    .description("Now minus the source commit time of the last applied transaction").tag("stream", name)
                    .register(registry);
        }

        double lagSeconds() {
            Instant t = lastCommitTime;
            return t == null ? Double.NaN : Duration.between(t, Instant.now()).toMillis() / 1000.0;
        }
    }
}
