package io.sgstream.apply.engine;

import io.sgstream.apply.sql.RowWriter.TableName;
import io.sgstream.apply.sql.Sql;
import io.sgstream.apply.staging.StagingSchema;
import io.sgstream.apply.staging.StreamTables;
import io.sgstream.apply.state.StreamState;
import io.sgstream.apply.state.StreamStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Starts a stream over when events of a greater epoch arrive (the capture lost its position and took a new
 * snapshot). What happens to the target data: every table the stream wrote is emptied, in the same transaction
 * that moves the state to the new epoch, and the new epoch's snapshot writes them again. Emptying is what makes
 * this exact: had the old epoch's snapshot been cut short by a capture crash, rows it wrote that the source
 * deleted meanwhile would otherwise survive, since the new snapshot simply does not mention them. The staged
 * events of older epochs are dropped with it, and older epochs are refused from then on.
 */
final class EpochRestart {

    private static final Logger LOG = LoggerFactory.getLogger(EpochRestart.class);

    private final StagingSchema schema;
    private final StreamStateStore states;
    private final StreamTables streamTables;

    EpochRestart(StagingSchema schema, StreamStateStore states, StreamTables streamTables) {
        this.schema = schema;
        this.states = states;
        this.streamTables = streamTables;
    }

    void restart(Connection c, StreamState current, String newEpoch) throws SQLException {
        List<TableName> tables = streamTables.existing(c, current.stream());
        if (!tables.isEmpty()) {
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE " + String.join(", ", tables.stream().map(t -> Sql.table(t.schema(), t.name())).toList()));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + schema.staged() + " WHERE stream = ? AND epoch < ?")) {
            ps.setString(1, current.stream().toString());
            ps.setString(2, newEpoch);
            ps.executeUpdate();
        }
        states.restart(c, current.stream(), newEpoch);
        LOG.info("stream {} restarts at epoch {} (was {}): emptied {} target table(s), the new snapshot rewrites them",
                current.stream(), newEpoch, current.epoch(), tables.size());
    }
}
