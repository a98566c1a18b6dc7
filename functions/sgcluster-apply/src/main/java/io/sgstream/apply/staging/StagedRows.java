package io.sgstream.apply.staging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Inserts events into {@code staged_event} with one statement per batch; duplicates are skipped, not errors. */
final class StagedRows {

    private final String sql;
    private final String insertedByUs;

    StagedRows(StagingSchema schema) {
        // No RETURNING: it halves the throughput of this insert; the row count says whether all were new.
        this.sql = "INSERT INTO " + schema.staged()
                + " (stream, id, epoch, txseq, seq, kind, part_index, part_count, tx_events, type, applied, data)"
                + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[],"
                + " ?::int[], ?::int[], ?::bigint[], ?::text[], ?::boolean[], ?::bytea[])"
                + " ON CONFLICT (stream, id) DO NOTHING";
        // Rows this transaction created (xmin is our xid; txid_current() carries an epoch above 32 bits).
        this.insertedByUs = "SELECT s.stream, s.id FROM " + schema.staged() + " s"
                + " JOIN unnest(?::text[], ?::text[]) AS k(stream, id) ON s.stream = k.stream AND s.id = k.id"
                + " WHERE s.xmin::text = (txid_current() % 4294967296)::text";
    }

    /** A row to insert; {@code applied} rows are markers of snapshot rows written on arrival (no data kept). */
    record Row(IncomingEvent event, boolean applied, String key) {
        Row(IncomingEvent event, boolean applied) {
            this(event, applied, key(event.stream().toString(), event.id()));
        }

        static String key(String stream, String id) {
            return stream + '\u0000' + id;
        }
    }

    /**
     * Inserts rows, which the caller sorted by (stream, id) so that concurrent stagers lock in one order.
     *
     * @return keys ({@link Row#key()}) of the rows actually inserted; the others were already there
     */
    Set<String> insert(Connection c, List<Row> rows) throws SQLException {
        int n = rows.size();
        String[] streams = new String[n];
        String[] ids = new String[n];
        String[] epochs = new String[n];
        Long[] txSeqs = new Long[n];
        Long[] seqs = new Long[n];
        String[] kinds = new String[n];
        Integer[] partIndexes = new Integer[n];
        Integer[] partCounts = new Integer[n];
        Long[] txEvents = new Long[n];
        String[] types = new String[n];
        Boolean[] applied = new Boolean[n];
        byte[][] data = new byte[n][];
        for (int i = 0; i < n; i++) {
            IncomingEvent e = rows.get(i).event();
            streams[i] = e.stream().toString();
            ids[i] = e.id();
            epochs[i] = e.epoch();
            txSeqs[i] = e.txSeq();
            seqs[i] = e.seq();
            kinds[i] = e.kind().code();
            partIndexes[i] = e.partIndex();
            partCounts[i] = e.partCount();
            txEvents[i] = e.txEvents();
            types[i] = e.type();
            applied[i] = rows.get(i).applied();
            data[i] = rows.get(i).applied() ? null : e.data();
        }
        int count;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", streams));
            ps.setArray(2, c.createArrayOf("text", ids));
            ps.setArray(3, c.createArrayOf("text", epochs));
            ps.setArray(4, c.createArrayOf("bigint", txSeqs));
            ps.setArray(5, c.createArrayOf("bigint", seqs));
            ps.setArray(6, c.createArrayOf("text", kinds));
            ps.setArray(7, c.createArrayOf("integer", partIndexes));
            ps.setArray(8, c.createArrayOf("integer", partCounts));
            ps.setArray(9, c.createArrayOf("bigint", txEvents));
            ps.setArray(10, c.createArrayOf("text", types));
            ps.setArray(11, c.createArrayOf("boolean", applied));
            ps.setArray(12, c.createArrayOf("bytea", data));
            count = ps.executeUpdate();
        }
        Set<String> inserted = new HashSet<>();
        if (count == n) {
            rows.forEach(r -> inserted.add(r.key()));
            return inserted;
        }
        try (PreparedStatement ps = c.prepareStatement(insertedByUs)) {
            ps.setArray(1, c.createArrayOf("text", streams));
            ps.setArray(2, c.createArrayOf("text", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(Row.key(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return inserted;
    }
}
