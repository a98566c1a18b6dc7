package io.sgstream.apply.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the type names events carry ({@code character varying(20)}, {@code public.mood}, {@code integer[]}) on
 * the target. The name is parsed by the server ({@code to_regtype}), which also rejects anything that is not a
 * single type name, so a type string from an event never reaches SQL text unchecked. On PostgreSQL 16+ the type
 * modifier is resolved too ({@code to_regtypemod}); on older servers types are compared without it.
 */
public final class TypeResolver {

    /**
     * @param typmod    null when the server cannot tell (PostgreSQL before 16)
     * @param sqlName   the name to use in SQL: the server's canonical spelling when it can give one
     */
    public record ResolvedType(long oid, Integer typmod, String sqlName) {
    }

    private final Map<String, ResolvedType> resolved = new ConcurrentHashMap<>();
    private volatile Boolean withTypmod;

    /** The type, or null if the target has no type of that name. */
    public ResolvedType resolve(Connection c, String typeName) throws SQLException {
        ResolvedType known = resolved.get(typeName);
        if (known != null) {
            return known;
        }
        if (withTypmod == null) {
            withTypmod = c.getMetaData().getDatabaseMajorVersion() >= 16;
        }
        String sql = withTypmod
                ? "SELECT to_regtype(?)::oid, to_regtypemod(?), format_type(to_regtype(?), to_regtypemod(?))"
                : "SELECT to_regtype(?)::oid, NULL::int, ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int parameters = withTypmod ? 4 : 2;
            for (int i = 1; i <= parameters; i++) {
                ps.setString(i, typeName);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long oid = rs.getLong(1);
                if (rs.wasNull()) {
                    return null;
                }
                int typmod = rs.getInt(2);
                ResolvedType type = new ResolvedType(oid, rs.wasNull() ? null : typmod, rs.getString(3));
                resolved.put(typeName, type);
                return type;
            }
        }
    }

    /** Forgets resolutions (types may be dropped and recreated with new oids). */
    public void clear() {
        resolved.clear();
    }
}
