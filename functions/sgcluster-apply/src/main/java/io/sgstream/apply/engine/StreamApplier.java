package io.sgstream.apply.engine;

import io.sgstream.apply.ApplyConfig;
import io.sgstream.apply.ApplyException;
import io.sgstream.apply.ApplyHooks;
import io.sgstream.apply.db.ConnectionPool;
import io.sgstream.apply.db.SqlFailures;
import io.sgstream.apply.prepare.TargetPreparer;
import io.sgstream.apply.schema.SchemaEvolution;
import io.sgstream.apply.signals.SignalApplier;
import io.sgstream.apply.sql.RowWriter;
import io.sgstream.apply.sql.StatementCache;
import io.sgstream.apply.staging.DecodedEvents;
import io.sgstream.apply.staging.StagedEventReader;
import io.sgstream.apply.staging.StagingSchema;
import io.sgstream.apply.staging.StreamTables;
import io.sgstream.apply.state.StreamLocks;
import io.sgstream.apply.state.StreamState;
import io.sgstream.apply.state.StreamStateCache;
import io.sgstream.apply.state.StreamStateStore;
import io.sgstream.apply.status.ApplyMetrics;
import io.sgstream.event.Op;
import io.sgstream.event.RowChange;
import io.sgstream.event.SignalEvent;
import io.sgstream.event.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies what is applicable of one stream, in one target transaction per call:
 * <ol>
 * <li>take the stream's advisory lock (exclusive): whichever replica or thread gets it applies, the others wait
 *     and then find nothing left, so the stream is applied serially without any coordinator;</li>
 * <li>read the mark ({@code apply_state}); if a greater epoch is staged, restart the stream
 *     ({@link EpochRestart});</li>
 * <li>while the snapshot is incomplete, write staged snapshot rows (those that could not be written on arrival:
 *     split rows, rows staged before a restart or while the stream was stopped) and turn them into markers;</li>
 * <li>plan the complete, contiguous transactions after the mark (many small ones together, up to the limits);</li>
 * <li>read their events in order and write them, batching consecutive changes of one shape, running signals at
 *     their position;</li>
 * <li>move the mark to the last planned transaction and delete the applied staged rows (late duplicates of
 *     earlier positions included), then commit: changes, signal effects and mark become visible together.</li>
 * </ol>
 * A transient failure (connection lost, deadlock) rolls everything back and is retried later. Any other failure
 * stops the stream: the error is recorded in its state (status, metrics, log), its events stay staged, and it is
 * retried every {@code failedRetryInterval} or when resumed, in case the target was fixed.
 */
public final class StreamApplier {

    private static final Logger LOG = LoggerFactory.getLogger(StreamApplier.class);

    public enum Result {
        /** Nothing was applicable. */
        IDLE,
        APPLIED,
        /** Applied, and more is applicable right away. */
        MORE,
        /** A transient failure: try again later. */
        RETRY,
        /** The stream is stopped by an error. */
        FAILED
    }

    private final ConnectionPool pool;
    private final StagingSchema schema;
    private final StreamStateStore states;
    private final StreamStateCache cache;
    private final SchemaEvolution evolution;
    private final StatementCache statements;
    private final StreamTables streamTables;
    private final ApplyConfig config;
    private final ApplyHooks hooks;
    private final ApplyMetrics metrics;
    private final TransactionPlanner planner;
    private final StagedEventReader reader;
    private final EpochRestart restart;
    private final SignalApplier signals = new SignalApplier();
    private final TargetPreparer preparer;

    public StreamApplier(ConnectionPool pool, StagingSchema schema, StreamStateStore states, StreamStateCache cache,
                         SchemaEvolution evolution, StatementCache statements, StreamTables streamTables,
                         ApplyConfig config, ApplyHooks hooks, ApplyMetrics metrics, TargetPreparer preparer,
                         DecodedEvents decoded) {
        this.preparer = preparer;
        this.pool = pool;
        this.schema = schema;
        this.states = states;
        this.cache = cache;
        this.evolution = evolution;
        this.statements = statements;
        this.streamTables = streamTables;
        this.config = config;
        this.hooks = hooks;
        this.metrics = metrics;
        this.planner = new TransactionPlanner(schema);
        this.reader = new StagedEventReader(schema, decoded);
        this.restart = new EpochRestart(schema, states, streamTables);
    }

    public Result applyOnce(StreamId stream) {
        return applyOnce(stream, config.maxBatchTransactions(), true);
    }

    /**
     * @param isolate on a permanent failure of several transactions batched together, apply them again one at a
     *                time, so the good ones before the bad one are applied and the error names the bad one
     */
    private Result applyOnce(StreamId stream, int maxTransactions, boolean isolate) {
        Attempt attempt = new Attempt();
        Exception failure;
        try (ConnectionPool.Lease lease = pool.acquire()) {
            try {
                return applyIn(lease, stream, maxTransactions, attempt);
            } catch (Exception e) {
                lease.failed(e);
                failure = e;
            }
        } catch (SQLException e) {
            failure = e; // no connection
        }
        if (isolate && attempt.transactions > 1 && !SqlFailures.isTransient(failure)) {
            LOG.debug("a batch of {} transactions of stream {} failed, applying them one by one", attempt.transactions, stream);
            Result r;
            do {
                r = applyOnce(stream, 1, false);
            } while (r == Result.APPLIED || r == Result.MORE);
            return r;
        }
        return failed(stream, failure, attempt);
    }

    /** What the current attempt planned, for error messages and isolation. */
    private static final class Attempt {
        long firstTxSeq = -1;
        int transactions;
    }

    private Result applyIn(ConnectionPool.Lease lease, StreamId stream, int maxTransactions, Attempt attempt)
            throws SQLException {
        Connection c = lease.connection();
        StreamLocks.lockExclusive(c, stream);
        String newestEpoch = newestStagedEpoch(c, stream);
        Optional<StreamState> found = states.readForUpdate(c, stream);
        if (found.isEmpty()) {
            if (newestEpoch == null) {
                c.commit();
                return Result.IDLE;
            }
            states.createIfMissing(c, stream, newestEpoch);
            found = states.readForUpdate(c, stream);
        }
        StreamState state = found.orElseThrow();
        if (state.failure() != null && !retryDue(state)) {
            c.commit();
            publish(state);
            return Result.IDLE;
        }
        if (newestEpoch != null && newestEpoch.compareTo(state.epoch()) > 0) {
            restart.restart(c, state, newestEpoch);
            state = states.readForUpdate(c, stream).orElseThrow();
        }
        // Target preparation (a new stream, or a new epoch whose snapshot defers indexes again) comes first.
        List<TargetPreparer.AfterCommit> afterCommit = new ArrayList<>();
        afterCommit.add(preparer.ensureIn(c, state));
        // Deferred keys are restored with the snapshot's end, which is therefore applied alone: the streamed
        // transactions after it are written by key and must see the keys (and fresh table shapes).
        boolean restoreAtSnapshotEnd = !state.snapshotComplete() && preparer.restoresAtSnapshotEnd(c, stream);

        RowWriter writer = new RowWriter(c, evolution, statements, config.statementRows(), true);
        int snapshotRows = state.snapshotComplete() ? 0 : catchUpSnapshot(c, state, writer);
        TransactionPlanner.Plan plan = planner.plan(c, stream, state.epoch(), state.appliedTxSeq(),
                restoreAtSnapshotEnd ? 1 : maxTransactions, config.maxBatchEvents());
        if (!plan.isEmpty()) {
            attempt.firstTxSeq = plan.first();
            attempt.transactions = plan.transactions().size();
        }
        SignalEffects effects = new SignalEffects();
        if (!plan.isEmpty()) {
            reader.read(c, stream, state.epoch(), plan.first(), plan.last(), false, (txSeq, seq, event) -> {
                if (event instanceof RowChange change) {
                    writer.write(change);
                } else if (event instanceof SignalEvent signal) {
                    writer.flush();
                    // A command may DEALLOCATE the writer's prepared statements, even if it then fails (that is
                    // not rolled back): forget them first, the shapes after it are prepared again under new names.
                    statements.forget(c);
                    SignalApplier.Effect effect = signals.apply(c, signal);
                    writer.catalogMayHaveChanged(); // a command may have added a trigger or an index
                    effects.add(effect);
                    if (effect == SignalApplier.Effect.STREAM_COMPLETED) {
                        afterCommit.add(preparer.restoreAll(c, stream)); // the tombstone restores everything left
                    }
                }
                return true;
            });
        }
        writer.flush();
        if (restoreAtSnapshotEnd && !plan.isEmpty()) {
            afterCommit.add(preparer.restoreAfterSnapshot(c, stream));
        }
        if (plan.isEmpty() && snapshotRows == 0) {
            // Late copies of applied positions (staged by an instance that did not know the mark yet) and
            // leftovers of older epochs would otherwise wait for the next applied transaction to be removed.
            deleteApplied(c, stream, state.epoch(), state.appliedTxSeq());
            c.commit();
            afterCommit.forEach(TargetPreparer.AfterCommit::run);
            publish(state);
            return Result.IDLE;
        }
        List<String> registered = streamTables.register(c, stream, writer.tablesTouched());
        StreamState after = state;
        if (!plan.isEmpty()) {
            Instant planCommit = plan.lastCommitTime();
            states.advance(c, stream, plan.last(), planCommit);
            if (effects.completed) {
                states.markCompleted(c, stream);
            }
            deleteApplied(c, stream, state.epoch(), plan.last());
            Instant lastCommit = planCommit != null ? planCommit : state.lastCommitTime();
            after = new StreamState(stream, state.epoch(), plan.last(), lastCommit, Instant.now(),
                    state.completed() || effects.completed, null, null);
        } else if (state.failure() != null) {
            states.clearFailure(c, stream);
            after = new StreamState(stream, state.epoch(), state.appliedTxSeq(), state.lastCommitTime(),
                    state.appliedAt(), state.completed(), null, null);
        }
        hooks.beforeApplyCommit(stream, c);
        c.commit();
        afterCommit.forEach(TargetPreparer.AfterCommit::run);
        if (effects.commandExecuted) {
            lease.broken(); // the command may have changed session settings: start the next batch afresh
        }
        streamTables.committed(registered);
        metrics.applied(stream, writer.counts(), plan.transactions().size());
        publish(after);
        boolean more = plan.truncated() || snapshotRows >= config.maxBatchEvents();
        return more ? Result.MORE : Result.APPLIED;
    }

    /**
     * Writes staged snapshot rows and marks them applied, so that the snapshot's completion needs no big
     * transaction at the end. Bounded per call.
     */
    private int catchUpSnapshot(Connection c, StreamState state, RowWriter writer) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        reader.read(c, state.stream(), state.epoch(), 0, 0, true, (txSeq, seq, event) -> {
            if (event instanceof RowChange change && change.op() == Op.READ) {
                writer.write(change);
                seqs.add(seq);
            }
            return seqs.size() < config.maxBatchEvents();
        });
        if (seqs.isEmpty()) {
            return 0;
        }
        writer.flush();
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + schema.staged() + " SET applied = true, data = NULL"
                + " WHERE stream = ? AND epoch = ? AND txseq = 0 AND applied = false AND seq = ANY(?)")) {
            ps.setString(1, state.stream().toString());
            ps.setString(2, state.epoch());
            ps.setArray(3, c.createArrayOf("bigint", seqs.toArray(new Long[0])));
            ps.executeUpdate();
        }
        return seqs.size();
    }

    private String newestStagedEpoch(Connection c, StreamId stream) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT epoch FROM " + schema.staged()
                + " WHERE stream = ? ORDER BY epoch DESC LIMIT 1")) {
            ps.setString(1, stream.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Applied rows go, and so do late copies of anything at or below the mark and leftovers of older epochs. */
    private void deleteApplied(Connection c, StreamId stream, String epoch, long upToTxSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + schema.staged()
                + " WHERE stream = ? AND ((epoch = ? AND txseq <= ?) OR epoch < ?)")) {
            ps.setString(1, stream.toString());
            ps.setString(2, epoch);
            ps.setLong(3, upToTxSeq);
            ps.setString(4, epoch);
            ps.executeUpdate();
        }
    }

    private boolean retryDue(StreamState state) {
        return state.failedAt() == null || state.failedAt().plus(config.failedRetryInterval()).isBefore(Instant.now());
    }

    private Result failed(StreamId stream, Exception failure, Attempt attempt) {
        if (SqlFailures.isTransient(failure)) {
            metrics.failure(stream, true);
            LOG.debug("applying stream {} failed, will retry: {}", stream, SqlFailures.describe(failure));
            return Result.RETRY;
        }
        metrics.failure(stream, false);
        evolution.forget(); // the fix may be a change on the target: read the catalog afresh next time
        String message = (attempt.transactions == 1 ? "transaction " + attempt.firstTxSeq + ": "
                : attempt.transactions == 0 ? "snapshot: " : "")
                + (failure instanceof ApplyException ? failure.getMessage() : "applying failed: " + SqlFailures.describe(failure));
        StreamState known = cache.get(stream);
        if (known == null || !message.equals(known.failure())) {
            LOG.warn("stream {} stopped: {}", stream, message);
        }
        try (ConnectionPool.Lease lease = pool.acquire()) {
            Connection c = lease.connection();
            try {
                if (states.read(c, stream).isEmpty()) { // failed before its first apply committed
                    String epoch = newestStagedEpoch(c, stream);
                    if (epoch != null) {
                        states.createIfMissing(c, stream, epoch);
                    }
                }
                states.markFailed(c, stream, message);
                Optional<StreamState> state = states.read(c, stream);
                c.commit();
                state.ifPresent(this::publish);
            } catch (SQLException e) {
                lease.failed(e);
                throw e;
            }
        } catch (SQLException e) {
            LOG.debug("could not record the failure of stream {}", stream, e);
        }
        return Result.FAILED;
    }

    private void publish(StreamState state) {
        cache.put(state);
        metrics.position(state);
    }

    private static final class SignalEffects {
        boolean commandExecuted;
        boolean completed;

        void add(SignalApplier.Effect effect) {
            commandExecuted |= effect == SignalApplier.Effect.COMMAND_EXECUTED;
            completed |= effect == SignalApplier.Effect.STREAM_COMPLETED;
        }
    }
}
