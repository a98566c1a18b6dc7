package io.sgstream.apply.prepare;

import io.sgstream.apply.ApplyException;
import io.sgstream.apply.db.ConnectionPool;
import io.sgstream.apply.ddl.DdlImporter;
import io.sgstream.apply.ddl.DdlScript;
import io.sgstream.apply.ddl.SourceSchemaReader;
import io.sgstream.apply.sql.RowWriter.TableName;
import io.sgstream.apply.staging.StagingSchema;
import io.sgstream.apply.state.StreamLocks;
import io.sgstream.apply.state.StreamState;
import io.sgstream.apply.state.StreamStateStore;
import io.sgstream.event.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepares the target for a stream before its first snapshot row is written, and undoes the snapshot speed-up
 * afterwards (see {@link TargetPreparation}). Everything it decides is recorded in the target, in
 * {@code sgstream.target_preparation} (one row per stream: DDL imported, epoch whose snapshot was prepared) and
 * {@link DeferredDefinitions}, in the transaction that does it, under the stream's exclusive lock — so a restart
 * or another replica never imports twice or drops twice, and a crash leaves either all of a step or none.
 *
 * <h2>Why dropping primary keys is safe for this apply</h2>
 * Rows are written by key ({@code INSERT ... ON CONFLICT (key)}, {@code UPDATE/DELETE ... WHERE key}) only
 * for streamed changes. Snapshot rows need no key: each is written exactly once — the insert of its marker in
 * {@code staged_event}, unique on the event id, decides whether it is written, in the same transaction (see
 * {@code Stager}), and a repeated snapshot is a new epoch, which empties the tables first. So while a table's
 * key is dropped its catalog shows no key and the writer uses plain {@code INSERT}s. Streamed transactions
 * start only after the snapshot's end, and the applier applies the snapshot's end alone, restoring the
 * primary keys in that same transaction (always, even with {@code skipRestoreIndexesAfterSnapshot}: streamed
 * changes need them), then forgets the table shapes it knew, so the next transaction sees the keys again.
 */
public final class TargetPreparer {

    private static final Logger LOG = LoggerFactory.getLogger(TargetPreparer.class);

    private final ConnectionPool pool;
    private final StagingSchema schema;
    private final StreamStateStore states;
    private final TargetPreparation preparation;
    private final DeferredDefinitions definitions;
    private final Runnable shapesChanged;
    /** stream/epoch pairs whose preparation this process has seen committed. */
    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    /** Per stream, the tables whose primary key is dropped now, as last seen committed. */
    private final Map<StreamId, Set<TableName>> deferredKeys = new ConcurrentHashMap<>();

    /** @param shapesChanged called after a commit that changed table definitions (cached shapes are stale) */
    public TargetPreparer(ConnectionPool pool, StagingSchema schema, StreamStateStore states,
                          TargetPreparation preparation, Runnable shapesChanged) {
        this.pool = pool;
        this.schema = schema;
        this.states = states;
        this.preparation = preparation;
        this.definitions = new DeferredDefinitions(schema);
        this.shapesChanged = shapesChanged;
    }

    public TargetPreparation preparation() {
        return preparation;
    }

    /** For schema checks: the table's primary key is dropped for the snapshot, its absence is not drift. */
    public boolean keyDeferred(String tableSchema, String table) {
        TableName name = new TableName(tableSchema, table);
        return deferredKeys.values().stream().anyMatch(s -> s.contains(name));
    }

    /** What a transaction that prepared or restored must do once committed. */
    public interface AfterCommit {
        AfterCommit NONE = () -> { };

        void run();
    }

    /**
     * Prepares in its own transaction (the stager, before writing rows of the stream). Cheap once done: the
     * process remembers it.
     */
    public void ensure(StreamId stream, String epoch) throws SQLException {
        if (!preparation.needed() || ready.contains(key(stream, epoch))) {
            return;
        }
        AfterCommit after;
        try (ConnectionPool.Lease lease = pool.acquire()) {
            Connection c = lease.connection();
            try {
                StreamLocks.lockExclusive(c, stream);
                StreamState state = states.read(c, stream).orElse(null);
                if (state == null) {
                    states.createIfMissing(c, stream, epoch);
                    state = states.read(c, stream).orElseThrow();
                }
                after = ensureIn(c, state);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                lease.failed(e);
                throw e;
            }
        }
        after.run(); // marks the state's epoch ready: events of another epoch check again until the restart
    }

    /** Prepares in the caller's transaction, which holds the stream's exclusive lock (the applier). */
    public AfterCommit ensureIn(Connection c, StreamState state) throws SQLException {
        if (!preparation.needed()) {
            return AfterCommit.NONE;
        }
        StreamId stream = state.stream();
        boolean staleKeys = state.snapshotComplete() && deferredKeys.containsKey(stream);
        if (ready.contains(key(stream, state.epoch())) && !staleKeys) {
            return AfterCommit.NONE;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table() + " (stream) VALUES (?)"
                + " ON CONFLICT (stream) DO NOTHING")) {
            ps.setString(1, stream.toString());
            ps.executeUpdate();
        }
        boolean imported;
        String deferredEpoch;
        try (PreparedStatement ps = c.prepareStatement("SELECT ddl_imported_at IS NOT NULL, deferred_epoch FROM "
                + table() + " WHERE stream = ? FOR UPDATE")) {
            ps.setString(1, stream.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                imported = rs.getBoolean(1);
                deferredEpoch = rs.getString(2);
            }
        }
        boolean changed = false;
        if (preparation.importDdl() && !imported) {
            StreamLocks.lockDdl(c);
            importDdl(c, stream);
            changed = true;
        }
        if (preparation.defers() && !state.epoch().equals(deferredEpoch)) {
            if (!state.snapshotComplete() && !definitions.pending(c, stream)) {
                StreamLocks.lockDdl(c);
                int n = definitions.saveAndDrop(c, stream, preparation.captured(), preparation.dropPrimaryKeys());
                LOG.info("stream {}: {} index(es) and constraint(s) of the captured tables dropped for the snapshot "
                        + "of epoch {}, saved in {}", stream, n, state.epoch(), definitions.table());
                changed = true;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table() + " SET deferred_epoch = ? WHERE stream = ?")) {
                ps.setString(1, state.epoch());
                ps.setString(2, stream.toString());
                ps.executeUpdate();
            }
        }
        Set<TableName> keys = definitions.deferredKeys(c, stream);
        boolean shapes = changed || staleKeys;
        String readyKey = key(stream, state.epoch());
        return () -> {
            publishKeys(stream, keys);
            ready.add(readyKey);
            if (shapes) {
                shapesChanged.run();
            }
        };
    }

    /** Whether the snapshot's end must be applied alone, to restore what was deferred before streaming starts. */
    public boolean restoresAtSnapshotEnd(Connection c, StreamId stream) throws SQLException {
        return preparation.defers() && definitions.pending(c, stream);
    }

    /** At the snapshot's end: primary keys, and everything else unless restoring waits for the tombstone. */
    public AfterCommit restoreAfterSnapshot(Connection c, StreamId stream) throws SQLException {
        return restore(c, stream, !preparation.restoreAfterSnapshot(), "snapshot complete");
    }

    /** At the tombstone: whatever is still deferred. */
    public AfterCommit restoreAll(Connection c, StreamId stream) throws SQLException {
        AfterCommit restored = restore(c, stream, false, "tombstone");
        if (preparation.importDdl()) {
            refreshMaterializedViews(c, stream);
        }
        return restored;
    }

    /**
     * The import creates materialized views {@code WITH NO DATA} (their tables are empty then); once the
     * migration is complete, those still unpopulated in the captured schemas are refreshed, each under a
     * savepoint: one that cannot be (it reads what the stream does not capture) is left with a warning.
     */
    private void refreshMaterializedViews(Connection c, StreamId stream) throws SQLException {
        List<String> views = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n.nspname, quote_ident(n.nspname)"
                + " || '.' || quote_ident(m.relname) FROM pg_class m JOIN pg_namespace n ON n.oid = m.relnamespace"
                + " WHERE m.relkind = 'm' AND NOT m.relispopulated ORDER BY m.oid")) {
            while (rs.next()) {
                if (preparation.captured().schema(rs.getString(1))) {
                    views.add(rs.getString(2));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String view : views) {
                s.execute("SAVEPOINT refresh_view");
                try {
                    s.execute("REFRESH MATERIALIZED VIEW " + view);
                    s.execute("RELEASE SAVEPOINT refresh_view");
                    LOG.info("stream {}: materialized view {} refreshed (tombstone)", stream, view);
                } catch (SQLException e) {
                    s.execute("ROLLBACK TO SAVEPOINT refresh_view");
                    LOG.warn("stream {}: materialized view {} could not be refreshed: {}", stream, view, e.getMessage());
                }
            }
        }
    }

    private AfterCommit restore(Connection c, StreamId stream, boolean keysOnly, String why) throws SQLException {
        if (!preparation.defers() || !definitions.pending(c, stream)) {
            return AfterCommit.NONE;
        }
        StreamLocks.lockDdl(c);
        int n = definitions.restore(c, stream, keysOnly);
        LOG.info("stream {}: {} {} restored ({})", stream, n, keysOnly ? "primary key(s)" : "deferred definition(s)", why);
        Set<TableName> keys = definitions.deferredKeys(c, stream);
        return () -> {
            publishKeys(stream, keys);
            shapesChanged.run();
        };
    }

    private void publishKeys(StreamId stream, Set<TableName> keys) {
        if (keys.isEmpty()) {
            deferredKeys.remove(stream);
        } else {
            deferredKeys.put(stream, keys);
        }
    }

    private void importDdl(Connection target, StreamId stream) throws SQLException {
        TargetPreparation.SourceDatabase source = preparation.source();
        DdlScript script;
        try (Connection c = source.connect()) {
            script = new SourceSchemaReader(preparation.captured(), preparation.roleSkipFilter()).read(c);
        } catch (SQLException e) {
            if ("08001".equals(e.getSQLState()) || "28P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState())) {
                throw new ApplyException("DDL import: cannot connect to the source " + source + ": " + e.getMessage(), e);
            }
            throw e;
        }
        DdlImporter.Outcome outcome = new DdlImporter().run(target, script);
        try (PreparedStatement ps = target.prepareStatement("UPDATE " + table()
                + " SET ddl_imported_at = now(), ddl_statements = ? WHERE stream = ?")) {
            ps.setInt(1, outcome.created());
            ps.setString(2, stream.toString());
            ps.executeUpdate();
        }
        LOG.info("stream {}: DDL imported from {}: {} statement(s) run, {} object(s) already there, {} left out",
                stream, source, outcome.created(), outcome.existing(), outcome.leftOut());
    }

    private String table() {
        return schema.name() + ".target_preparation";
    }

    private static String key(StreamId stream, String epoch) {
        return stream + "\u0000" + epoch;
    }
}
