package io.sgstream.apply;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.apply.AcceptResult.Outcome;
import io.sgstream.apply.db.ConnectionPool;
import io.sgstream.apply.db.SqlFailures;
import io.sgstream.apply.engine.ApplyScheduler;
import io.sgstream.apply.engine.StreamApplier;
import io.sgstream.apply.prepare.TargetPreparer;
import io.sgstream.apply.schema.SchemaEvolution;
import io.sgstream.apply.sql.StatementCache;
import io.sgstream.apply.staging.DecodedEvents;
import io.sgstream.apply.staging.EventValidator;
import io.sgstream.apply.staging.IncomingEvent;
import io.sgstream.apply.staging.Stager;
import io.sgstream.apply.staging.StagingQueue;
import io.sgstream.apply.staging.StagingSchema;
import io.sgstream.apply.staging.StreamTables;
import io.sgstream.apply.state.StreamState;
import io.sgstream.apply.state.StreamStateCache;
import io.sgstream.apply.state.StreamStateStore;
import io.sgstream.apply.status.ApplyMetrics;
import io.sgstream.apply.status.StatusReader;
import io.sgstream.apply.status.StreamStatus;
import io.sgstream.event.CloudEventsHttp;
import io.sgstream.event.MalformedEventException;
import io.sgstream.event.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SGCluster apply, usable in-process (the local runner) and behind the Knative Service's HTTP endpoint.
 *
 * <pre>
 * try (SgClusterApply apply = SgClusterApply.start(ApplyConfig.forTarget(url, user, password))) {
 *     AcceptResult r = apply.accept(cloudEvent).join();   // 202 once durably staged, 400 if malformed, 5xx retry
 *     List&lt;AcceptResult&gt; rs = apply.acceptAll(events);       // in-process bulk delivery
 *     apply.status();                                     // position, lag, pending, failures per stream
 * }
 * </pre>
 *
 * Events are validated against the contract, staged durably in the target (see {@link StagingSchema}), and
 * applied per stream in source commit order, exactly once, by {@link StreamApplier}; snapshot rows are written
 * on arrival ({@link Stager}). Nothing is kept in this process that is not also in the target database, so
 * instances can come and go and several can serve one stream.
 */
public final class SgClusterApply implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SgClusterApply.class);
    private static final long STATUS_REFRESH_MS = 5_000;
    /** JSON bytes of staged events kept decoded for the applier (see DecodedEvents); the oldest go beyond. */
    private static final long DECODED_EVENTS_BYTES = 16L << 20;

    private final ApplyConfig config;
    private final ConnectionPool pool;
    private final StagingSchema schema;
    private final EventValidator validator = new EventValidator();
    private final ApplyMetrics metrics;
    private final StreamStateStore states;
    private final Stager stager;
    private final StagingQueue queue;
    private final StreamApplier applier;
    private final ApplyScheduler scheduler;
    private final StatusReader statusReader;
    private final ScheduledExecutorService background;
    private final AtomicLong lastStatusRefresh = new AtomicLong();
    private volatile boolean schemaReady;
    private volatile boolean replicationRoleAllowed = true;

    public static SgClusterApply start(ApplyConfig config) {
        return start(config, new SimpleMeterRegistry(), ApplyHooks.NONE);
    }

    public static SgClusterApply start(ApplyConfig config, MeterRegistry registry) {
        return start(config, registry, ApplyHooks.NONE);
    }

    /** Starts even if the target is down: everything that needs it is retried or answered "unavailable". */
    public static SgClusterApply start(ApplyConfig config, MeterRegistry registry, ApplyHooks hooks) {
        return new SgClusterApply(config, registry, hooks);
    }

    private SgClusterApply(ApplyConfig config, MeterRegistry registry, ApplyHooks hooks) {
        this.config = config;
        this.pool = new ConnectionPool(config.jdbcUrl(), config.username(), config.password(), config.poolSize(),
                Duration.ofSeconds(10), this::prepareSession);
        this.schema = new StagingSchema(config.stagingSchema());
        this.metrics = new ApplyMetrics(registry);
        this.states = new StreamStateStore(schema);
        StreamStateCache cache = new StreamStateCache();
        TargetPreparer[] preparerRef = new TargetPreparer[1]; // the evolution asks it, it tells the evolution
        SchemaEvolution evolution = new SchemaEvolution(config.schemaEvolution(),
                (tableSchema, table) -> preparerRef[0].keyDeferred(tableSchema, table));
        TargetPreparer preparer = new TargetPreparer(pool, schema, states, config.preparation(), evolution::forget);
        preparerRef[0] = preparer;
        StatementCache statements = new StatementCache();
        StreamTables streamTables = new StreamTables(schema);
        // Events staged here are applied from their arrival decoding; not kept when this instance only stages.
        DecodedEvents decoded = new DecodedEvents(config.applyEnabled() ? DECODED_EVENTS_BYTES : 0);
        this.applier = new StreamApplier(pool, schema, states, cache, evolution, statements, streamTables, config, hooks, metrics,
                preparer, decoded);
        this.scheduler = new ApplyScheduler(applier, config.applyThreads());
        this.stager = new Stager(pool, schema, states, cache, evolution, statements, streamTables, config, hooks, metrics,
                preparer, decoded, stream -> {
                    if (config.applyEnabled()) {
                        scheduler.request(stream);
                    }
                });
        this.queue = new StagingQueue(stager, config.stagingThreads(), config.stagingBatchEvents(), config.stagingQueueCapacity());
        this.statusReader = new StatusReader(schema, states, metrics);
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sgstream-apply-drain");
            t.setDaemon(true);
            return t;
        });
        if (config.applyEnabled() && !config.drainInterval().isZero()) {
            long ms = config.drainInterval().toMillis();
            background.scheduleWithFixedDelay(this::drain, 0, ms, TimeUnit.MILLISECONDS);
        }
    }

    // ------------------------------------------------------------------ delivery

    /**
     * Validates and stages one event. The future completes once the event is durably staged (or applied, or
     * known to be a duplicate) — only then may the sender consider it delivered — or with the reason it was
     * refused; it never completes exceptionally.
     */
    public CompletableFuture<AcceptResult> accept(CloudEvent event) {
        IncomingEvent incoming;
        try {
            incoming = validator.validate(event);
        } catch (MalformedEventException e) {
            return CompletableFuture.completedFuture(rejected(event.getId(), e.getMessage()));
        }
        AcceptResult unavailable = ensureSchema(incoming.id());
        if (unavailable != null) {
            return CompletableFuture.completedFuture(unavailable);
        }
        return queue.submit(incoming);
    }

    /** Reads a CloudEvent from an HTTP request (binary or structured mode) and {@link #accept(CloudEvent) accepts} it. */
    public CompletableFuture<AcceptResult> accept(Map<String, String> headers, byte[] body) {
        CloudEvent event;
        try {
            event = CloudEventsHttp.read(headers, body);
        } catch (MalformedEventException e) {
            return CompletableFuture.completedFuture(rejected(null, e.getMessage()));
        }
        return accept(event);
    }

    /**
     * Stages many events in the calling thread (in transactions of {@code stagingBatchEvents}): the in-process
     * path of the local runner, with no queue in between. Returns one result per event, in order.
     */
    public List<AcceptResult> acceptAll(List<CloudEvent> events) {
        List<AcceptResult> results = new ArrayList<>(events.size());
        List<IncomingEvent> valid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (CloudEvent e : events) {
            try {
                valid.add(validator.validate(e));
                positions.add(results.size());
                results.add(null);
            } catch (MalformedEventException ex) {
                results.add(rejected(e.getId(), ex.getMessage()));
            }
        }
        AcceptResult unavailable = valid.isEmpty() ? null : ensureSchema(null);
        for (int from = 0; from < valid.size(); from += config.stagingBatchEvents()) {
            List<IncomingEvent> chunk = valid.subList(from, Math.min(valid.size(), from + config.stagingBatchEvents()));
            List<AcceptResult> staged = unavailable != null ? null : stager.stage(chunk);
            for (int i = 0; i < chunk.size(); i++) {
                results.set(positions.get(from + i), staged != null ? staged.get(i)
                        : AcceptResult.refused(unavailable.outcome(), chunk.get(i).id(), unavailable.reason()));
            }
        }
        return results;
    }

    private AcceptResult rejected(String id, String reason) {
        AcceptResult r = AcceptResult.refused(Outcome.REJECTED, id, reason);
        metrics.accepted(r);
        LOG.debug("rejected event {}: {}", id, reason);
        return r;
    }

    // ------------------------------------------------------------------ apply and operations

    /**
     * Applies everything of the stream that is applicable now, in the calling thread (tests, the local runner's
     * final drain). Safe alongside the background applier: the stream lock serializes them.
     */
    public StreamApplier.Result applyPending(StreamId stream) {
        if (ensureSchema(null) != null) {
            return StreamApplier.Result.RETRY;
        }
        StreamApplier.Result result;
        do {
            result = applier.applyOnce(stream);
        } while (result == StreamApplier.Result.MORE);
        return result;
    }

    /** Per-stream position, lag, pending events, failure and applied counts. */
    public List<StreamStatus> status() throws SQLException {
        try (ConnectionPool.Lease lease = pool.acquire()) {
            Connection c = lease.connection();
            try {
                ensureSchemaOrThrow();
                List<StreamStatus> status = statusReader.read(c);
                c.commit();
                return status;
            } catch (SQLException e) {
                lease.failed(e);
                throw e;
            }
        }
    }

    public Optional<StreamStatus> status(StreamId stream) throws SQLException {
        return status().stream().filter(s -> s.stream().equals(stream.toString())).findFirst();
    }

    /**
     * The applied mark of a stream (epoch, last applied txseq, failure), read from the state row only: cheap
     * enough to poll for progress, unlike {@link #status()}, which also reads the pending counter and all streams.
     */
    public Optional<StreamState> position(StreamId stream) throws SQLException {
        try (ConnectionPool.Lease lease = pool.acquire()) {
            Connection c = lease.connection();
            try {
                ensureSchemaOrThrow();
                Optional<StreamState> state = states.read(c, stream);
                c.commit();
                return state;
            } catch (SQLException e) {
                lease.failed(e);
                throw e;
            }
        }
    }

    /** Clears a stream's failure (after the target was fixed) and applies it again right away. */
    public void resume(StreamId stream) throws SQLException {
        try (ConnectionPool.Lease lease = pool.acquire()) {
            try {
                states.clearFailure(lease.connection(), stream);
                lease.connection().commit();
            } catch (SQLException e) {
                lease.failed(e);
                throw e;
            }
        }
        scheduler.request(stream);
    }

    /** Throws if the target cannot be reached (readiness). */
    public void checkTarget() throws SQLException {
        try (ConnectionPool.Lease lease = pool.acquire(); Statement s = lease.connection().createStatement()) {
            try {
                s.execute("SELECT 1");
                lease.connection().commit();
            } catch (SQLException e) {
                lease.failed(e);
                throw e;
            }
        }
    }

    public ApplyConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ internals

    private AcceptResult ensureSchema(String id) {
        try {
            ensureSchemaOrThrow();
            return null;
        } catch (SQLException e) {
            return AcceptResult.refused(SqlFailures.isTransient(e) ? Outcome.UNAVAILABLE : Outcome.FAILED, id,
                    "cannot prepare the staging schema on the target: " + SqlFailures.describe(e));
        }
    }

    private void ensureSchemaOrThrow() throws SQLException {
        if (!schemaReady) {
            synchronized (this) {
                if (!schemaReady) {
                    schema.create(pool);
                    schemaReady = true;
                }
            }
        }
    }

    /**
     * Session settings of every target connection: replica role when allowed (see {@link ApplyConfig}); without
     * it the apply still works, but target triggers fire and foreign keys are checked, so snapshot rows of
     * related tables, which arrive in any order, can fail.
     */
    private void prepareSession(Connection c) throws SQLException {
        if (!config.replicationRole() || !replicationRoleAllowed) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
        } catch (SQLException e) {
            if (!"42501".equals(e.getSQLState())) {
                throw e;
            }
            replicationRoleAllowed = false;
            LOG.warn("the target user may not set session_replication_role: target triggers and foreign keys will "
                    + "fire while applying (grant SET ON PARAMETER session_replication_role, or use a superuser)");
        }
    }

    /** Periodic pass: apply every stream that has staged events; refresh the gauges now and then. */
    private void drain() {
        try {
            ensureSchemaOrThrow();
            List<StreamId> streams;
            try (ConnectionPool.Lease lease = pool.acquire()) {
                Connection c = lease.connection();
                try {
                    streams = statusReader.streamsWithStagedEvents(c);
                    long now = System.currentTimeMillis();
                    if (now - lastStatusRefresh.get() >= STATUS_REFRESH_MS) {
                        lastStatusRefresh.set(now);
                        statusReader.read(c);
                    }
                    c.commit();
                } catch (SQLException e) {
                    lease.failed(e);
                    throw e;
                }
            }
            streams.forEach(scheduler::request);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("drain pass failed: {}", SqlFailures.describe(e));
        }
    }

    /** Stops accepting, stages what was already queued, finishes applies in progress, closes connections. */
    @Override
    public void close() {
        background.shutdownNow();
        queue.close();
        scheduler.close();
        pool.close();
    }
}
