package io.sgstream.apply.staging;

import io.sgstream.apply.ApplyException;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the not-yet-applied events of a range of transactions in stream order (txseq, seq), each whole event
 * once: parts of a split event are joined (a whole copy, if one was also delivered, wins). Rows are fetched
 * through a cursor, so a source transaction of any size streams through a bounded amount of memory.
 */
public final class StagedEventReader {

    /** Receives events in order; may write on the same connection. */
    @FunctionalInterface
    public interface Handler {
        /** @return false to stop reading */
        boolean accept(long txSeq, long seq, StreamEvent event) throws SQLException;
    }

    private static final int FETCH_SIZE = 500;
    private final String sql;
    private final DecodedEvents decoded;

    public StagedEventReader(StagingSchema schema, DecodedEvents decoded) {
        this.decoded = decoded;
        // ORDER BY follows the position index exactly (applied is constant here), so no sort is needed.
        this.sql = "SELECT txseq, seq, kind, type, part_index, part_count, data FROM " + schema.staged()
                + " WHERE stream = ? AND epoch = ? AND txseq BETWEEN ? AND ? AND applied = false AND kind <> 'e'"
                + " ORDER BY txseq, applied, seq, part_index";
    }

    /**
     * @param skipIncomplete skip events whose parts are not all staged (else they are an error: the caller
     *                       planned only complete transactions)
     */
    public void read(Connection c, StreamId stream, String epoch, long fromTxSeq, long toTxSeq, boolean skipIncomplete,
                     Handler handler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setString(1, stream.toString());
            ps.setString(2, epoch);
            ps.setLong(3, fromTxSeq);
            ps.setLong(4, toTxSeq);
            try (ResultSet rs = ps.executeQuery()) {
                Group group = null;
                while (rs.next()) {
                    long txSeq = rs.getLong(1);
                    long seq = rs.getLong(2);
                    if (group != null && (group.txSeq != txSeq || group.seq != seq)) {
                        if (!emit(stream, epoch, group, skipIncomplete, handler)) {
                            return;
                        }
                        group = null;
                    }
                    if (group == null) {
                        group = new Group(txSeq, seq, EventKind.fromCode(rs.getString(3)), rs.getString(4), rs.getInt(6));
                    }
                    group.add(rs.getInt(5), rs.getBytes(7));
                }
                if (group != null) {
                    emit(stream, epoch, group, skipIncomplete, handler);
                }
            }
        }
    }

    private boolean emit(StreamId stream, String epoch, Group g, boolean skipIncomplete, Handler handler)
            throws SQLException {
        byte[] data = g.join();
        if (data == null) {
            if (skipIncomplete) {
                return true;
            }
            throw new ApplyException("event " + StreamEvent.id(epoch, g.txSeq, Long.toString(g.seq)) + " of stream "
                    + stream + " has only " + g.parts.size() + " of its " + g.partCount + " parts staged");
        }
        StreamEvent event = g.whole == null ? null
                : decoded.take(stream, StreamEvent.id(epoch, g.txSeq, Long.toString(g.seq)), g.type, g.whole);
        if (event == null) {
            event = StagedEventDecoder.decode(stream, epoch, g.txSeq, g.seq, g.kind, g.type, data);
        }
        return handler.accept(g.txSeq, g.seq, event);
    }

    private static final class Group {
        final long txSeq;
        final long seq;
        final EventKind kind;
        final String type;
        final int partCount;
        byte[] whole;
        final List<byte[]> parts = new ArrayList<>();
        final List<Integer> indexes = new ArrayList<>();

        Group(long txSeq, long seq, EventKind kind, String type, int partCount) {
            this.txSeq = txSeq;
            this.seq = seq;
            this.kind = kind;
            this.type = type;
            this.partCount = partCount;
        }

        void add(int partIndex, byte[] data) {
            if (partIndex == 0) {
                whole = data;
            } else {
                parts.add(data);
                indexes.add(partIndex);
            }
        }

        /** The whole event's data, or null while parts are missing. Rows arrive ordered by part index. */
        byte[] join() {
            if (whole != null) {
                return whole;
            }
            if (parts.size() != partCount) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < parts.size(); i++) {
                if (indexes.get(i) != i + 1) {
                    return null;
                }
                out.writeBytes(parts.get(i));
            }
            return out.toByteArray();
        }
    }
}
