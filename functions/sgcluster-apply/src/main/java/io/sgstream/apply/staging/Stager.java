package io.sgstream.apply.staging;

import io.sgstream.apply.AcceptResult;
import io.sgstream.apply.AcceptResult.Outcome;
import io.sgstream.apply.ApplyConfig;
import io.sgstream.apply.ApplyException;
import io.sgstream.apply.ApplyHooks;
import io.sgstream.apply.db.ConnectionPool;
import io.sgstream.apply.db.SqlFailures;
import io.sgstream.apply.prepare.TargetPreparer;
import io.sgstream.apply.schema.SchemaEvolution;
import io.sgstream.apply.schema.TargetTable;
import io.sgstream.apply.sql.RowWriter;
import io.sgstream.apply.sql.StatementCache;
import io.sgstream.apply.state.StreamLocks;
import io.sgstream.apply.state.StreamState;
import io.sgstream.apply.state.StreamStateCache;
import io.sgstream.apply.state.StreamStateStore;
import io.sgstream.apply.status.ApplyMetrics;
import io.sgstream.event.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Stages a batch of validated events durably in one target transaction, so that a 2xx is only ever answered for
 * an event that survives a crash. Several concurrent requests share one commit (see {@link StagingQueue}).
 *
 * <h2>Snapshot rows on arrival</h2>
 * Snapshot rows (transaction 0, op r) need no ordering among themselves: each is a different row. While the
 * stream's snapshot is incomplete they are written to their table in the same transaction that stages them, as
 * bulk upserts, and staged only as a marker (applied, no data). Two rules keep this exact:
 * <ol>
 * <li>The marker insert is the dedup: only rows whose marker was new are written, so a duplicate is never
 *     written twice, and the markers count towards the snapshot's completeness like staged events.</li>
 * <li>The check "snapshot still incomplete in this epoch" and the write happen under the stream's advisory lock
 *     in shared mode; the applier declares the snapshot complete (mark 0) under the same lock in exclusive mode.
 *     So a snapshot row is either written before the snapshot is complete (and before any streaming transaction
 *     is applied, since those follow the snapshot), or it sees the completed snapshot and is dropped: a late
 *     duplicate can never overwrite a newer streamed value.</li>
 * </ol>
 * When the rows cannot be written this way (stream of a newer epoch not started yet, stream stopped, a table
 * that cannot take them) they are staged with their data instead and the applier deals with them, reporting
 * any error on the stream.
 */
public final class Stager {

    private static final Logger LOG = LoggerFactory.getLogger(Stager.class);

    private final ConnectionPool pool;
    private final StreamStateStore states;
    private final StreamStateCache cache;
    private final SchemaEvolution evolution;
    private final StatementCache statements;
    private final StreamTables streamTables;
    private final StagedRows stagedRows;
    private final ApplyConfig config;
    private final ApplyHooks hooks;
    private final ApplyMetrics metrics;
    private final Consumer<StreamId> applyRequests;
    private final TargetPreparer preparer;
    private final DecodedEvents decoded;
    private final Set<StreamId> snapshotEndSeen = ConcurrentHashMap.newKeySet();

    public Stager(ConnectionPool pool, StagingSchema schema, StreamStateStore states, StreamStateCache cache,
                  SchemaEvolution evolution, StatementCache statements, StreamTables streamTables, ApplyConfig config,
                  ApplyHooks hooks, ApplyMetrics metrics, TargetPreparer preparer, DecodedEvents decoded,
                  Consumer<StreamId> applyRequests) {
        this.preparer = preparer;
        this.decoded = decoded;
        this.pool = pool;
        this.states = states;
        this.cache = cache;
        this.evolution = evolution;
        this.statements = statements;
        this.streamTables = streamTables;
        this.stagedRows = new StagedRows(schema);
        this.config = config;
        this.hooks = hooks;
        this.metrics = metrics;
        this.applyRequests = applyRequests;
    }

    /** One result per event, in order. Never throws: failures become UNAVAILABLE (retry) or FAILED results. */
    public List<AcceptResult> stage(List<IncomingEvent> events) {
        AcceptResult[] results = new AcceptResult[events.size()];
        List<Integer> todo = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            IncomingEvent e = events.get(i);
            StreamState known = cache.get(e.stream());
            if (known != null && known.isPast(e.epoch(), e.txSeq())) {
                results[i] = AcceptResult.of(Outcome.STALE, e.id());
            } else if (!seen.add(StagedRows.Row.key(e.stream().toString(), e.id()))) {
                results[i] = AcceptResult.of(Outcome.DUPLICATE, e.id());
            } else {
                todo.add(i);
            }
        }
        if (!todo.isEmpty()) {
            stageOrFail(events, todo, results);
        }
        Set<StreamId> progressed = new LinkedHashSet<>();
        for (int i = 0; i < results.length; i++) {
            metrics.accepted(results[i]);
            IncomingEvent e = events.get(i);
            if (results[i].outcome() == Outcome.STAGED) {
                progressed.add(e.stream());
                if (e.kind() == EventKind.END && e.txSeq() == 0) {
                    snapshotEndSeen.add(e.stream());
                }
            } else if (results[i].outcome() == Outcome.APPLIED && snapshotEndSeen.contains(e.stream())) {
                // Written on arrival, these rows can only complete a snapshot whose end is known; asking for
                // an apply after every batch would queue the applier's exclusive lock between the stagers'
                // shared ones and serialize them. Ends staged by other replicas are found by the drain.
                progressed.add(e.stream());
            }
        }
        progressed.forEach(applyRequests);
        return Arrays.asList(results);
    }

    private void stageOrFail(List<IncomingEvent> events, List<Integer> todo, AcceptResult[] results) {
        Set<Integer> direct = new HashSet<>();
        try {
            direct = prepareTargets(events, todo) ? snapshotRowsToWrite(events, todo) : new HashSet<>();
            stageInTransaction(events, todo, direct, results);
        } catch (Exception e) {
            if (!direct.isEmpty() && !SqlFailures.isTransient(e)) {
                // The applier will meet the same problem on the staged rows and report it on the stream.
                LOG.debug("snapshot rows could not be written on arrival, staging them: {}", SqlFailures.describe(e));
                try {
                    stageInTransaction(events, todo, Set.of(), results);
                    return;
                } catch (Exception again) {
                    e = again;
                }
            }
            fail(events, todo, e, results);
        }
    }

    /**
     * The target is prepared for a stream (DDL imported, indexes deferred) before any row of it is written or
     * written. A transient failure refuses the events (the sender retries); any other failure stages them
     * without writing anything (false), and the applier, which prepares again first, stops the stream with the
     * reason, visible in its status.
     */
    private boolean prepareTargets(List<IncomingEvent> events, List<Integer> todo) throws SQLException {
        if (!config.applyEnabled() || !preparer.preparation().needed()) {
            return true;
        }
        Set<String> done = new HashSet<>();
        for (int i : todo) {
            IncomingEvent e = events.get(i);
            if (done.add(e.stream() + "\u0000" + e.epoch())) {
                try {
                    preparer.ensure(e.stream(), e.epoch());
                } catch (SQLException | RuntimeException failure) {
                    if (SqlFailures.isTransient(failure)) {
                        throw failure;
                    }
                    LOG.debug("preparing the target failed, staging only: {}", SqlFailures.describe(failure));
                    return false;
                }
            }
        }
        return true;
    }

    /** Snapshot rows that may be written on arrival, after their tables were made ready in a short transaction. */
    private Set<Integer> snapshotRowsToWrite(List<IncomingEvent> events, List<Integer> todo) throws SQLException {
        Set<Integer> candidates = new HashSet<>();
        if (!config.applyEnabled()) {
            return candidates;
        }
        for (int i : todo) {
            IncomingEvent e = events.get(i);
            StreamState known = cache.get(e.stream());
            if (e.snapshotRow() && (known == null || known.acceptsSnapshotRows(e.epoch()))) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return candidates;
        }
        // DDL in its own transaction: a table created here is visible to every stager before rows reach it.
        try (ConnectionPool.Lease lease = pool.acquire()) {
            Connection c = lease.connection();
            try {
                Map<Object, TargetTable> shapes = new HashMap<>();
                for (int i : candidates) {
                    evolution.ensure(c, events.get(i).change(), shapes);
                }
                c.commit();
            } catch (ApplyException e) {
                lease.failed(e);
                LOG.debug("snapshot rows will be staged: {}", e.getMessage());
                return new HashSet<>();
            } catch (SQLException | RuntimeException e) {
                lease.failed(e);
                if (SqlFailures.isTransient(e)) {
                    throw e;
                }
                return new HashSet<>();
            }
        }
        return candidates;
    }

    private void stageInTransaction(List<IncomingEvent> events, List<Integer> todo, Set<Integer> candidates,
                                    AcceptResult[] results) throws SQLException {
        try (ConnectionPool.Lease lease = pool.acquire()) {
            Connection c = lease.connection();
            try {
                Set<Integer> stale = new HashSet<>();
                Set<Integer> writeNow = lockAndCheckSnapshotRows(c, events, candidates, stale);
                List<StagedRows.Row> rows = new ArrayList<>();
                for (int i : todo) {
                    if (!stale.contains(i)) {
                        rows.add(new StagedRows.Row(events.get(i), writeNow.contains(i)));
                    }
                }
                rows.sort(Comparator.comparing(StagedRows.Row::key));
                Set<String> inserted = rows.isEmpty() ? Set.of() : stagedRows.insert(c, rows);
                Map<StreamId, RowWriter> writers = writeSnapshotRows(c, events, writeNow, inserted);
                List<String> registered = new ArrayList<>();
                for (Map.Entry<StreamId, RowWriter> w : writers.entrySet()) {
                    w.getValue().flush();
                    registered.addAll(streamTables.register(c, w.getKey(), w.getValue().tablesTouched()));
                }
                hooks.beforeStagingCommit(c);
                c.commit();
                streamTables.committed(registered);
                writers.forEach((stream, w) -> metrics.applied(stream, w.counts(), 0));
                for (int i : todo) {
                    IncomingEvent e = events.get(i);
                    if (stale.contains(i)) {
                        results[i] = AcceptResult.of(Outcome.STALE, e.id());
                    } else if (!inserted.contains(StagedRows.Row.key(e.stream().toString(), e.id()))) {
                        results[i] = AcceptResult.of(Outcome.DUPLICATE, e.id());
                    } else {
                        results[i] = AcceptResult.of(writeNow.contains(i) ? Outcome.APPLIED : Outcome.STAGED, e.id());
                        if (!writeNow.contains(i)) {
                            decoded.staged(e); // before the apply request: the applier takes it from here
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                lease.failed(e);
                throw e;
            }
        }
    }

    /** Takes the shared stream locks (in stream order) and keeps the candidates the state allows to write now. */
    private Set<Integer> lockAndCheckSnapshotRows(Connection c, List<IncomingEvent> events, Set<Integer> candidates,
                                                  Set<Integer> stale) throws SQLException {
        Map<String, List<Integer>> byStream = new TreeMap<>();
        for (int i : candidates) {
            byStream.computeIfAbsent(events.get(i).stream().toString(), s -> new ArrayList<>()).add(i);
        }
        Set<Integer> writeNow = new HashSet<>();
        for (List<Integer> indexes : byStream.values()) {
            IncomingEvent first = events.get(indexes.get(0));
            StreamLocks.lockShared(c, first.stream());
            StreamState state = states.read(c, first.stream()).orElse(null);
            if (state == null) { // insert only when missing: the insert would wait for the applier's row lock
                states.createIfMissing(c, first.stream(), first.epoch());
                state = states.read(c, first.stream()).orElseThrow();
            }
            cache.put(state);
            for (int i : indexes) {
                IncomingEvent e = events.get(i);
                if (state.isPast(e.epoch(), e.txSeq())) {
                    stale.add(i);
                } else if (state.acceptsSnapshotRows(e.epoch())) {
                    writeNow.add(i);
                }
            }
        }
        return writeNow;
    }

    private Map<StreamId, RowWriter> writeSnapshotRows(Connection c, List<IncomingEvent> events, Set<Integer> writeNow,
                                                       Set<String> inserted) throws SQLException {
        List<Integer> order = new ArrayList<>();
        for (int i : writeNow) {
            IncomingEvent e = events.get(i);
            if (inserted.contains(StagedRows.Row.key(e.stream().toString(), e.id()))) {
                order.add(i);
            }
        }
        // Grouped by table, so rows of one table become one statement; their order does not matter. Compared by
        // schema and table name as they are (qualifiedTable() concatenated twice per comparison: n log n strings).
        order.sort(Comparator.comparing((Integer i) -> events.get(i).change().schema())
                .thenComparing(i -> events.get(i).change().table()).thenComparing(i -> i));
        Map<StreamId, RowWriter> writers = new HashMap<>();
        for (int i : order) {
            IncomingEvent e = events.get(i);
            writers.computeIfAbsent(e.stream(), s -> new RowWriter(c, evolution, statements, config.statementRows()))
                    .write(e.change());
        }
        return writers;
    }

    private static void fail(List<IncomingEvent> events, List<Integer> todo, Exception e, AcceptResult[] results) {
        boolean transientFailure = SqlFailures.isTransient(e);
        if (transientFailure) {
            LOG.debug("staging failed, the sender will retry: {}", SqlFailures.describe(e));
        } else {
            LOG.warn("staging failed unexpectedly", e);
        }
        for (int i : todo) {
            results[i] = transientFailure
                    ? AcceptResult.refused(Outcome.UNAVAILABLE, events.get(i).id(), "target unavailable: " + SqlFailures.describe(e))
                    : AcceptResult.refused(Outcome.FAILED, events.get(i).id(), "staging failed: " + SqlFailures.describe(e));
        }
    }
}
