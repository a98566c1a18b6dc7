package io.sgstream.pglambda;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The function's metrics, named for Prometheus as {@code sgstream_pglambda_*}:
 * <ul>
 * <li>{@code sgstream_pglambda_invocations_total{outcome}}: function runs by outcome (acknowledged, replied,
 *     dropped, function_status, failed, timed_out);</li>
 * <li>{@code sgstream_pglambda_errors_total{reason}}: events not acknowledged: error, timeout, limit (the
 *     function's fault, retried), status (the function answered 4xx/5xx itself) and malformed (the event's
 *     fault, not retried);</li>
 * <li>{@code sgstream_pglambda_timeouts_total}: runs stopped by the time limit;</li>
 * <li>{@code sgstream_pglambda_duration_seconds}: time the function took per event;</li>
 * <li>{@code sgstream_pglambda_parts_evicted_total}: incomplete split events given up (memory or age bound).</li>
 * </ul>
 */
public final class PgLambdaMetrics {

    private final Map<Outcome.Kind, Counter> invocations = new EnumMap<>(Outcome.Kind.class);
    private final Map<FunctionFailure.Reason, Counter> errors = new EnumMap<>(FunctionFailure.Reason.class);
    private final Counter malformed;
    private final Counter errorStatus;
    private final Counter timeouts;
    private final Counter partsEvicted;
    private final Timer duration;

    PgLambdaMetrics(MeterRegistry registry, Tags tags) {
        for (Outcome.Kind kind : Outcome.Kind.values()) {
            if (kind != Outcome.Kind.MALFORMED && kind != Outcome.Kind.PART_HELD) {
                invocations.put(kind, Counter.builder("sgstream.pglambda.invocations")
                        .description("PgLambda function runs by outcome")
                        .tags(tags).tag("outcome", kind.name().toLowerCase(Locale.ROOT)).register(registry));
            }
        }
        for (FunctionFailure.Reason reason : FunctionFailure.Reason.values()) {
            errors.put(reason, errorCounter(registry, tags, reason.name().toLowerCase(Locale.ROOT)));
        }
        malformed = errorCounter(registry, tags, "malformed");
        errorStatus = errorCounter(registry, tags, "status");
        timeouts = Counter.builder("sgstream.pglambda.timeouts").description("PgLambda runs stopped by the time limit")
                .tags(tags).register(registry);
        partsEvicted = Counter.builder("sgstream.pglambda.parts.evicted")
                .description("Incomplete split events given up").tags(tags).register(registry);
        duration = Timer.builder("sgstream.pglambda.duration").description("Time the PgLambda function took per event")
                .tags(tags).register(registry);
    }

    private static Counter errorCounter(MeterRegistry registry, Tags tags, String reason) {
        return Counter.builder("sgstream.pglambda.errors").description("Events the PgLambda did not acknowledge")
                .tags(tags).tag("reason", reason).register(registry);
    }

    void ran(Outcome outcome, FunctionFailure.Reason failure, long nanos) {
        invocations.get(outcome.kind()).increment();
        duration.record(nanos, TimeUnit.NANOSECONDS);
        if (outcome.kind() == Outcome.Kind.FUNCTION_STATUS) {
            errorStatus.increment();
        }
        if (failure != null) {
            errors.get(failure).increment();
            if (failure == FunctionFailure.Reason.TIMEOUT) {
                timeouts.increment();
            }
        }
    }

    void malformed() {
        malformed.increment();
    }

    void partEvicted() {
        partsEvicted.increment();
    }

    public long invocations() {
        return (long) invocations.values().stream().mapToDouble(Counter::count).sum();
    }

    public long invocations(Outcome.Kind kind) {
        Counter c = invocations.get(kind);
        return c == null ? 0 : (long) c.count();
    }

    public long errors(FunctionFailure.Reason reason) {
        return (long) errors.get(reason).count();
    }

    public long malformedEvents() {
        return (long) malformed.count();
    }

    public long timeouts() {
        return (long) timeouts.count();
    }

    public long partsEvicted() {
        return (long) partsEvicted.count();
    }
}
