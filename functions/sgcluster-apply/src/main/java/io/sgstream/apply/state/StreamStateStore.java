package io.sgstream.apply.state;

import io.sgstream.apply.staging.StagingSchema;
import io.sgstream.event.StreamId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes {@code apply_state} rows; callers own the transaction. */
public final class StreamStateStore {

    private final StagingSchema schema;
    private final String columns = "stream, epoch, applied_txseq, last_commit_time, applied_at, completed, failure, failed_at";

    public StreamStateStore(StagingSchema schema) {
        this.schema = schema;
    }

    public Optional<StreamState> read(Connection c, StreamId stream) throws SQLException {
        return readOne(c, "SELECT " + columns + " FROM " + schema.state() + " WHERE stream = ?", stream);
    }

    public Optional<StreamState> readForUpdate(Connection c, StreamId stream) throws SQLException {
        return readOne(c, "SELECT " + columns + " FROM " + schema.state() + " WHERE stream = ? FOR UPDATE", stream);
    }

    /** Creates the row for a stream first seen at this epoch; a concurrent creator wins silently. */
    public void createIfMissing(Connection c, StreamId stream, String epoch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema.state()
                + " (stream, epoch) VALUES (?, ?) ON CONFLICT (stream) DO NOTHING")) {
            ps.setString(1, stream.toString());
            ps.setString(2, epoch);
            ps.executeUpdate();
        }
    }

    public void advance(Connection c, StreamId stream, long txSeq, Instant lastCommitTime) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + schema.state() + " SET applied_txseq = ?,"
                + " last_commit_time = coalesce(?, last_commit_time), applied_at = now(), failure = NULL, failed_at = NULL"
                + " WHERE stream = ?")) {
            ps.setLong(1, txSeq);
            ps.setTimestamp(2, lastCommitTime == null ? null : Timestamp.from(lastCommitTime));
            ps.setString(3, stream.toString());
            ps.executeUpdate();
        }
    }

    /** A greater epoch starts the stream over: nothing of it is applied yet. */
    public void restart(Connection c, StreamId stream, String epoch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + schema.state() + " SET epoch = ?,"
                + " applied_txseq = -1, last_commit_time = NULL, applied_at = now(), completed = false,"
                + " failure = NULL, failed_at = NULL WHERE stream = ?")) {
            ps.setString(1, epoch);
            ps.setString(2, stream.toString());
            ps.executeUpdate();
        }
    }

    public void markCompleted(Connection c, StreamId stream) throws SQLException {
        update(c, "UPDATE " + schema.state() + " SET completed = true WHERE stream = ?", stream);
    }

    public void markFailed(Connection c, StreamId stream, String failure) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + schema.state()
                + " SET failure = ?, failed_at = now() WHERE stream = ?")) {
            ps.setString(1, failure);
            ps.setString(2, stream.toString());
            ps.executeUpdate();
        }
    }

    public void clearFailure(Connection c, StreamId stream) throws SQLException {
        update(c, "UPDATE " + schema.state() + " SET failure = NULL, failed_at = NULL WHERE stream = ?", stream);
    }

    public List<StreamState> readAll(Connection c) throws SQLException {
        List<StreamState> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM " + schema.state() + " ORDER BY stream");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(map(rs));
            }
        }
        return out;
    }

    private void update(Connection c, String sql, StreamId stream) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, stream.toString());
            ps.executeUpdate();
        }
    }

    private Optional<StreamState> readOne(Connection c, String sql, StreamId stream) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, stream.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static StreamState map(ResultSet rs) throws SQLException {
        return new StreamState(parse(rs.getString(1)), rs.getString(2), rs.getLong(3), instant(rs.getTimestamp(4)),
                instant(rs.getTimestamp(5)), rs.getBoolean(6), rs.getString(7), instant(rs.getTimestamp(8)));
    }

    /** The inverse of {@link StreamId#toString()} ({@code namespace/name}). */
    public static StreamId parse(String stored) {
        int slash = stored.indexOf('/');
        return new StreamId(stored.substring(0, slash), stored.substring(slash + 1));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
