package io.sgstream.apply.signals;

import io.sgstream.apply.ApplyException;
import io.sgstream.apply.db.SqlFailures;
import io.sgstream.event.SignalEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Executes signals at their position in the stream, inside the apply transaction: the changes before the
 * signal are written before it runs, those after it after, and the signal commits together with the new mark —
 * which is what makes it run exactly once however often its event is delivered.
 * <ul>
 * <li>{@code command}: the SQL runs on the target as is (it shares the transaction, so statements that cannot
 *     run in a transaction block, like {@code VACUUM} or {@code CREATE INDEX CONCURRENTLY}, fail the stream),
 *     in the apply's session: with {@code session_replication_role = replica} when that is enabled, so
 *     ordinary triggers do not fire for what it changes.</li>
 * <li>{@code tombstone}: the source's sequences are set on the target and the stream is marked completed; the
 *     applier then restores whatever indexes and constraints are still deferred ({@code TargetPreparer}).</li>
 * <li>{@code sync-sequences}: the source's sequences, as they were at the signal's position, are set on the
 *     target; the stream goes on.</li>
 * <li>any other signal belongs to another function: it is passed over, but still counts for its transaction.</li>
 * </ul>
 */
public final class SignalApplier {

    private static final Logger LOG = LoggerFactory.getLogger(SignalApplier.class);

    public enum Effect {
        /** SQL ran in the session: the connection should not be reused (it may have changed session settings). */
        COMMAND_EXECUTED,
        STREAM_COMPLETED,
        NONE
    }

    public Effect apply(Connection c, SignalEvent signal) throws SQLException {
        if (SignalEvent.COMMAND.equals(signal.name())) {
            String sql = signal.data() == null ? null : signal.data().path("command").asText(null);
            if (sql == null || sql.isBlank()) {
                throw new ApplyException("command signal " + signal.id() + " has no command");
            }
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                if (SqlFailures.isTransient(e)) {
                    throw e;
                }
                throw new ApplyException("command signal " + signal.id() + " failed on the target: " + e.getMessage(), e);
            }
            return Effect.COMMAND_EXECUTED;
        }
        if (SignalEvent.TOMBSTONE.equals(signal.name())) {
            SequenceSync.apply(c, SequenceValue.fromSignal(signal.data()));
            return Effect.STREAM_COMPLETED;
        }
        if (SignalEvent.SYNC_SEQUENCES.equals(signal.name())) {
            SequenceSync.apply(c, SequenceValue.fromSignal(signal.data()));
            return Effect.NONE;
        }
        LOG.debug("signal {} ({}) is not for this function", signal.id(), signal.name());
        return Effect.NONE;
    }
}
