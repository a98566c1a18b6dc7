package io.sgstream.apply.signals;

import io.sgstream.apply.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Sequences are not replicated by logical decoding: after a migration the target's sequences would hand out ids
 * the source already used (StackGres never fixes this). The tombstone and sync-sequences signals carry the source's
 * sequence states at their position and this sets the target's to the same (a sequence missing on the target is
 * created first).
 */
public final class SequenceSync {

    private SequenceSync() {
    }

    /** Sets each sequence on the target to the given state, in the caller's transaction. */
    public static void apply(Connection c, List<SequenceValue> values) throws SQLException {
        for (SequenceValue v : values) {
            String name = Sql.table(v.schema(), v.name());
            try (PreparedStatement exists = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                exists.setString(1, name);
                try (ResultSet rs = exists.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        try (Statement s = c.createStatement()) {
                            s.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.ident(v.schema()));
                            s.execute("CREATE SEQUENCE IF NOT EXISTS " + name);
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
                ps.setString(1, name);
                ps.setLong(2, v.lastValue());
                ps.setBoolean(3, v.isCalled());
                ps.execute();
            }
        }
    }
}
