package io.sgstream.capture;

import io.micrometer.core.instrument.MeterRegistry;
import io.sgstream.capture.engine.CaptureEngine;
import io.sgstream.capture.engine.DebeziumConfig;
import io.sgstream.capture.engine.SignalPlacer;
import io.sgstream.capture.engine.StreamPosition;
import io.sgstream.capture.offsets.CommittedOffsets;
import io.sgstream.capture.offsets.OffsetStoreSettings;
import io.sgstream.capture.partitions.PartitionedSnapshot;
import io.sgstream.capture.preflight.Preflight;
import io.sgstream.capture.preflight.PreflightException;
import io.sgstream.capture.sink.EventSink;
import io.sgstream.event.RowChange;
import io.sgstream.event.SignalEvent;
import io.sgstream.event.SignalRequest;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.TransactionEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Captures one stream: preflight checks, then Debezium's snapshot and streaming of the source, each change delivered
 * as a CloudEvent of the contract ({@link io.sgstream.event}) to the {@link EventSink}, offsets committed only at
 * transaction ends below which everything was acknowledged.
 *
 * <pre>{@code
 * try (CaptureService capture = new CaptureService(config, sink, registry)) {
 *     capture.start();                   // throws PreflightException with an actionable message
 *     capture.completion().join();       // until stopped, or failed (e.g. an event could never be delivered)
 * }
 * }</pre>
 *
 * The sink belongs to the caller: it is used, never closed, here. Epoch and txseq are stored inside the committed
 * offset; a crash before the first commit of a stream starts it over with a new snapshot and a new (greater)
 * epoch, which consumers take as a restart: greater even if the clock stepped back, as each run reserves its epoch
 * in the offset store before it starts.
 */
public final class CaptureService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureService.class);

    private final CaptureConfig config;
    private final EventSink sink;
    private final Clock clock;
    private final CaptureMetrics metrics;
    private final AtomicReference<CaptureState> state = new AtomicReference<>(CaptureState.NEW);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private final Map<String, Long> snapshotRows = new ConcurrentHashMap<>();
    private volatile List<String> snapshotTables = List.of();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    /** Commit times of closed, not yet acknowledged transactions, for the lag. */
    private final Deque<long[]> commitTimes = new ArrayDeque<>();
    /** Signal requests placed, by request id, until numbered; then by their event until acknowledged. */
    private final Map<String, CompletableFuture<Optional<SignalEvent>>> signalsPlaced = new ConcurrentHashMap<>();
    private final Map<SignalEvent, CompletableFuture<Optional<SignalEvent>>> signalsSent = new ConcurrentHashMap<>();
    private volatile String epoch;
    private volatile CaptureEngine engine;
    private volatile SlotLagProbe lagProbe;

    public CaptureService(CaptureConfig config, EventSink sink, MeterRegistry registry) {
        this(config, sink, registry, Clock.systemUTC());
    }

    CaptureService(CaptureConfig config, EventSink sink, MeterRegistry registry, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = clock;
        this.metrics = new CaptureMetrics(Objects.requireNonNull(registry, "registry"), config,
                () -> engine == null ? 0 : engine.inFlight());
    }

    /**
     * Checks the source and starts capturing in the background.
     *
     * @throws PreflightException when the source cannot be captured as configured (the message says how to fix it)
     * @throws IllegalStateException when already started
     */
    public synchronized void start() {
        if (!state.compareAndSet(CaptureState.NEW, CaptureState.STARTING)) {
            throw new IllegalStateException("capture of " + config.stream() + " was already started");
        }
        Properties properties = DebeziumConfig.properties(config);
        StreamPosition committed;
        Long committedCommitLsn;
        String reservedEpoch;
        try {
            Map<String, String> effective = asMap(properties);
            new Preflight(config, effective).check();
            snapshotTables = PartitionedSnapshot.configure(config, effective);
            properties.putAll(effective);
            CommittedOffsets.AtStart atStart = CommittedOffsets.readAndReserveEpoch(config.offsets(),
                    config.stream().toString(), config.engineName(), Map.of("server", config.engineName()), clock);
            Map<String, Object> offset = atStart.offset();
            committed = StreamPosition.fromOffset(offset).orElse(null);
            committedCommitLsn = offset.get("lsn_commit") instanceof Number n ? n.longValue() : null;
            reservedEpoch = atStart.reservedEpoch();
        } catch (RuntimeException e) {
            throw failedToStart(e);
        }
        if (committed != null) {
            epoch = committed.epoch();
            metrics.acknowledgedTxSeq.set(committed.txSeq());
            metrics.snapshotCompleted.set(1);
        }
        CaptureEngine started;
        try {
            started = new CaptureEngine(config.stream(), properties, config.source(), sink, config.maxEventBytes(),
                    committed, committedCommitLsn, reservedEpoch, new Progress(), clock);
        } catch (RuntimeException e) { // Debezium validates its configuration here
            throw failedToStart(e);
        } catch (LinkageError e) { // otherwise the capture would stay STARTING and stop() wait for it forever
            throw failedToStart(new IllegalStateException("Debezium cannot be loaded: " + e
                    + " — the classpath holds Debezium jars that do not fit together (two versions of one jar?)", e));
        }
        engine = started;
        started.completion().whenComplete((ok, error) -> engineStopped(error));
        lagProbe = new SlotLagProbe(config.source(), config.slotName(), config.lagPollInterval(), metrics.lagBytes::set);
        started.start();
        LOG.info("Capturing stream {} from {} (slot {}, publication {}, offsets in {}){}", config.stream(),
                config.source(), config.slotName(), config.publicationName(),
                config.offsets().kind() == OffsetStoreSettings.Kind.JDBC
                        && config.offsets().database().equals(config.source())
                        ? config.offsets().table() + " of the source" : config.offsets(),
                committed == null ? ", starting with a snapshot" : ", resuming after transaction " + committed);
    }

    private RuntimeException failedToStart(RuntimeException e) {
        failure.compareAndSet(null, e);
        state.set(CaptureState.FAILED);
        metrics.close();
        completion.completeExceptionally(e);
        return e;
    }

    /**
     * Stops gracefully: stops sending, waits up to the configured stop timeout for events in flight, commits the
     * last complete acknowledged transaction and stops the engine. Idempotent.
     */
    public void stop() {
        CaptureEngine running;
        synchronized (this) {
            CaptureState s = state.get();
            if (s == CaptureState.NEW) {
                state.set(CaptureState.STOPPED);
                metrics.close();
                completion.complete(null);
                return;
            }
            if (s == CaptureState.STOPPING || s == CaptureState.STOPPED || s == CaptureState.FAILED) {
                running = null; // stopping or failing already: wait for that to finish
            } else {
                state.set(CaptureState.STOPPING);
                running = engine;
            }
        }
        if (running != null) {
            running.stop(config.stopTimeout());
            shutDown(null);
        }
        completion.exceptionally(e -> null).join();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Places a signal into the stream after the source transactions committed before it (see
     * {@link SignalPlacer}): it becomes a transaction of its own, with the same id if replayed.
     *
     * @return completes with the signal event once it and everything before it are acknowledged by the sink, or with
     *     empty when a request with the same id was placed before (a repeated annotation value); fails if the
     *     capture stops first (the signal is still in the source's WAL and is sent by the next run)
     * @throws IllegalStateException when the capture is not running or the source cannot take the signal
     */
    public CompletableFuture<Optional<SignalEvent>> requestSignal(SignalRequest request) {
        CaptureState s = state.get();
        if (s != CaptureState.SNAPSHOT && s != CaptureState.STREAMING && s != CaptureState.STARTING) {
            throw new IllegalStateException("capture of " + config.stream() + " is " + s + ": it takes no signals");
        }
        CompletableFuture<Optional<SignalEvent>> result = new CompletableFuture<>();
        CompletableFuture<Optional<SignalEvent>> earlier = signalsPlaced.putIfAbsent(request.id(), result);
        if (earlier != null) {
            return earlier;
        }
        boolean placed;
        try {
            placed = new SignalPlacer(config.source(), SignalPlacer.DEFAULT_TABLE).place(config.stream(), request);
        } catch (RuntimeException e) {
            signalsPlaced.remove(request.id());
            throw e;
        }
        if (!placed) {
            signalsPlaced.remove(request.id());
            result.complete(Optional.empty());
        } else {
            LOG.info("Stream {}: signal {} placed", config.stream(), request.id());
        }
        return result;
    }

    /**
     * Drops the replication slot and the publication of this capture (what a tombstone asks for, unless the
     * SGStream skips it), once the capture has stopped; the slot of a capture still running is not touched.
     */
    public void dropSlotAndPublication() {
        CaptureState s = state.get();
        if (s != CaptureState.STOPPED && s != CaptureState.FAILED) {
            throw new IllegalStateException("stop the capture of " + config.stream() + " before dropping its slot");
        }
        try (java.sql.Connection c = config.source().connect("sgstream-capture-teardown")) {
            long deadline = System.nanoTime() + config.slotInUseWait().toNanos();
            while (true) {
                try (java.sql.PreparedStatement ps = c.prepareStatement(
                        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
                    ps.setString(1, config.slotName());
                    ps.execute();
                    break;
                } catch (java.sql.SQLException e) {
                    // 55006: the replication connection of the stopped engine has not ended yet
                    if (!"55006".equals(e.getSQLState()) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    sleepQuietly(200);
                }
            }
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("DROP PUBLICATION IF EXISTS \"" + config.publicationName().replace("\"", "\"\"") + "\"");
            }
            LOG.info("Stream {}: dropped replication slot {} and publication {}", config.stream(), config.slotName(),
                    config.publicationName());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot drop the slot and publication of " + config.stream() + " at "
                    + config.source().address() + ": " + e.getMessage(), e);
        }
    }

    /** Completes when the capture has stopped: normally after {@link #stop()}, exceptionally when it failed. */
    public CompletableFuture<Void> completion() {
        return completion;
    }

    /** Why the capture failed (a delivery that can never succeed, a connector error...), if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    public CaptureState state() {
        return state.get();
    }

    public CaptureConfig config() {
        return config;
    }

    /**
     * The tables ({@code schema.table}) the initial snapshot reads when the capture chose them because the stream
     * captures partitioned tables ({@link PartitionedSnapshot}); empty when Debezium reads every captured table.
     */
    public List<String> snapshotTables() {
        return snapshotTables;
    }

    public CaptureStatus status() {
        Throwable f = failure.get();
        CaptureEngine e = engine;
        return new CaptureStatus(config.stream(), state.get(), epoch, metrics.snapshotCompleted.get() == 1,
                new HashMap<>(snapshotRows), events.get(), transactions.get(), metrics.acknowledgedTxSeq.get(),
                e == null ? 0 : e.inFlight(), metrics.lagMillis.get(), metrics.lagBytes.get(),
                f == null ? null : f.getMessage(), clock.instant());
    }

    private void engineStopped(Throwable error) {
        if (error != null && state.get() != CaptureState.STOPPING && state.get() != CaptureState.STOPPED) {
            fail(error);
        } else if (error == null && state.get() != CaptureState.STOPPING && state.get() != CaptureState.STOPPED
                && state.get() != CaptureState.FAILED) {
            // the engine ended on its own (e.g. snapshot.mode=initial_only): nothing more to capture
            new Thread(() -> shutDown(null), "sgstream-capture-end-" + config.stream().name()).start();
        }
    }

    private void fail(Throwable error) {
        if (!failure.compareAndSet(null, error)) {
            return;
        }
        state.set(CaptureState.FAILED);
        LOG.error("Capture of stream {} failed: {}", config.stream(), error.getMessage());
        // not on the sink's or the engine's thread: stopping the engine waits for both
        Thread stopper = new Thread(() -> {
            CaptureEngine e = engine;
            if (e != null) {
                e.abort();
            }
            shutDown(error);
        }, "sgstream-capture-abort-" + config.stream().name());
        stopper.start();
    }

    private synchronized void shutDown(Throwable error) {
        if (completion.isDone()) {
            return;
        }
        SlotLagProbe probe = lagProbe;
        if (probe != null) {
            probe.close();
        }
        metrics.close();
        Throwable f = error != null ? error : failure.get();
        IllegalStateException stopped = new IllegalStateException("capture of " + config.stream()
                + " stopped before the signal was acknowledged; it is sent by the next run", f);
        signalsPlaced.values().forEach(p -> p.completeExceptionally(stopped));
        signalsSent.values().forEach(p -> p.completeExceptionally(stopped));
        if (f == null) {
            state.set(CaptureState.STOPPED);
            LOG.info("Capture of stream {} stopped", config.stream());
            completion.complete(null);
        } else {
            state.set(CaptureState.FAILED);
            completion.completeExceptionally(f);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new HashMap<>();
        properties.forEach((k, v) -> map.put(k.toString(), v.toString()));
        return map;
    }

    /** Turns the engine's reports into status, metrics and failure handling. */
    private final class Progress implements CaptureEngine.Listener {

        @Override
        public void emitted(StreamEvent event, int parts) {
            if (!event.epoch().equals(epoch)) {
                epoch = event.epoch();
                synchronized (commitTimes) {
                    commitTimes.clear();
                }
            }
            if (parts > 1) {
                metrics.split();
            }
            if (event instanceof RowChange change) {
                events.incrementAndGet();
                String table = change.qualifiedTable();
                metrics.event(change.op(), table);
                if (change.snapshot()) {
                    snapshotRows.merge(table, 1L, Long::sum);
                    state.compareAndSet(CaptureState.STARTING, CaptureState.SNAPSHOT);
                }
            } else if (event instanceof TransactionEnd end) {
                transactions.incrementAndGet();
                metrics.transaction();
                if (end.txSeq() == 0) {
                    metrics.snapshotCompleted.set(1);
                    LOG.info("Stream {}: snapshot complete ({} rows), epoch {}", config.stream(), end.eventCount(),
                            end.epoch());
                }
                state.compareAndSet(CaptureState.STARTING, CaptureState.STREAMING);
                state.compareAndSet(CaptureState.SNAPSHOT, CaptureState.STREAMING);
                if (end.commitTime() != null) {
                    synchronized (commitTimes) {
                        commitTimes.addLast(new long[]{end.txSeq(), end.commitTime().toEpochMilli()});
                    }
                }
            }
        }

        @Override
        public void acknowledged(StreamPosition position) {
            metrics.acknowledgedTxSeq.set(position.txSeq());
            long committedAt = -1;
            synchronized (commitTimes) {
                while (!commitTimes.isEmpty() && commitTimes.peekFirst()[0] <= position.txSeq()) {
                    committedAt = commitTimes.pollFirst()[1];
                }
            }
            if (committedAt >= 0) {
                metrics.lagMillis.set(Math.max(0, clock.millis() - committedAt));
            }
            signalsSent.entrySet().removeIf(e -> {
                SignalEvent sent = e.getKey();
                boolean done = sent.epoch().equals(position.epoch()) && sent.position().txSeq() <= position.txSeq();
                if (done) {
                    e.getValue().complete(Optional.of(sent));
                }
                return done;
            });
        }

        @Override
        public void signalPlaced(String requestId, SignalEvent event) {
            CompletableFuture<Optional<SignalEvent>> waiting = signalsPlaced.remove(requestId);
            if (waiting != null) {
                signalsSent.put(event, waiting);
            }
        }

        @Override
        public void deliveryFailed(Throwable error) {
            fail(error);
        }
    }
}
