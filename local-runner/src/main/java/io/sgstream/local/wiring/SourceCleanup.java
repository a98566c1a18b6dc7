package io.sgstream.local.wiring;

import io.sgstream.capture.CaptureConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What a stream leaves on its source: its replication slot and publication, if still there. */
public final class SourceCleanup {

    private SourceCleanup() {
    }

    public static List<String> leftovers(Connection source, CaptureConfig config) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement ps = source.prepareStatement(
                "SELECT 'slot ' || slot_name FROM pg_replication_slots WHERE slot_name = ?"
                        + " UNION ALL SELECT 'publication ' || pubname FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, config.slotName());
            ps.setString(2, config.publicationName());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
