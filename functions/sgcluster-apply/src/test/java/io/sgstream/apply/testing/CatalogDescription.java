package io.sgstream.apply.testing;

import io.sgstream.testing.PostgresServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema of some tables as the catalog deparses it — columns (type, collation, NOT NULL, default, identity,
 * generated), partition keys and bounds, constraints ({@code pg_get_constraintdef}), indexes ({@code pg_get_indexdef})
 * and which partition's index is attached to which; views, functions, triggers, row-level security, policies and
 * comments — and of user types
 * and sequences, one sorted line each, to compare a target with its source.
 */
public final class CatalogDescription {

    private CatalogDescription() {
    }

    /** @param schemas a SQL list of schema names, e.g. {@code 'shop', 'public'} */
    public static List<String> of(PostgresServer server, String database, String schemas) throws SQLException {
        String in = " IN (" + schemas + ")";
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("SET search_path = pg_catalog");
            collect(s, out, "SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' '"
                    + " || format_type(a.atttypid, a.atttypmod) || ' collation=' || a.attcollation::regcollation::text"
                    + " || ' notnull=' || a.attnotnull || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-')"
                    + " || ' identity=' || a.attidentity::text || ' generated=' || a.attgenerated::text"
                    + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND n.nspname" + in);
            collect(s, out, "SELECT 'partitioning ' || c.oid::regclass::text || ' ' || coalesce(pg_get_partkeydef(c.oid), '-')"
                    + " || coalesce(' partition of ' || (SELECT inhparent::regclass::text FROM pg_inherits WHERE inhrelid = c.oid)"
                    + "   || ' ' || pg_get_expr(c.relpartbound, c.oid), '')"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE (c.relkind = 'p' OR c.relispartition) AND n.nspname" + in);
            collect(s, out, "SELECT 'attached index ' || i.inhrelid::regclass::text || ' to ' || i.inhparent::regclass::text"
                    + " FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('i', 'I') AND n.nspname" + in);
            collect(s, out, "SELECT 'constraint ' || n.nspname || '.' || c.relname || ' ' || con.conname || ' '"
                    + " || pg_get_constraintdef(con.oid) FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE con.contype <> 'n' AND n.nspname" + in);
            collect(s, out, "SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM pg_index i"
                    + " JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname" + in);
            collect(s, out, "SELECT 'type ' || format_type(t.oid, NULL) || ' ' || t.typtype::text || ' '"
                    + " || coalesce((SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = t.oid), '')"
                    + " || coalesce(format_type(t.typbasetype, t.typtypmod), '') || ' notnull=' || t.typnotnull"
                    + " || ' default=' || coalesce(t.typdefault, '-')"
                    + " || coalesce((SELECT ' subtype=' || format_type(rngsubtype, NULL) FROM pg_range WHERE rngtypid = t.oid), '')"
                    + " || coalesce((SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), ';') FROM pg_constraint WHERE contypid = t.oid), '')"
                    + " || coalesce((SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ',' ORDER BY attnum)"
                    + "   FROM pg_attribute WHERE attrelid = t.typrelid AND attnum > 0), '')"
                    + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                    + " WHERE t.typtype IN ('e', 'd', 'r', 'm', 'c') AND (t.typrelid = 0 OR"
                    + "   (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c') AND n.nspname" + in);
            collect(s, out, "SELECT 'view ' || c.oid::regclass::text || ' ' || c.relkind::text || ' '"
                    + " || coalesce(array_to_string(c.reloptions, ','), '') || ' ' || pg_get_viewdef(c.oid)"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('v', 'm') AND n.nspname" + in);
            collect(s, out, "SELECT 'function ' || pg_get_functiondef(p.oid) || ' owner=' || pg_get_userbyid(p.proowner)"
                    + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE p.prokind IN ('f', 'p') AND n.nspname" + in);
            collect(s, out, "SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text"
                    + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE NOT t.tgisinternal AND n.nspname" + in);
            collect(s, out, "SELECT 'row security ' || c.oid::regclass::text || ' ' || c.relrowsecurity || ' ' || c.relforcerowsecurity"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE (c.relrowsecurity OR c.relforcerowsecurity) AND n.nspname" + in);
            collect(s, out, "SELECT 'policy ' || policyname || ' on ' || tablename || ' ' || permissive || ' ' || cmd"
                    + " || ' ' || roles::text || ' using ' || coalesce(qual, '-') || ' check ' || coalesce(with_check, '-')"
                    + " FROM pg_policies WHERE schemaname" + in);
            collect(s, out, "SELECT 'comment ' || pg_describe_object(d.classoid, d.objoid, d.objsubid) || ': ' || d.description"
                    + " FROM pg_description d CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o"
                    + " WHERE o.schema" + in + " OR (d.classoid = 'pg_namespace'::regclass AND o.identity" + in + ")");
            collect(s, out, "SELECT 'sequence ' || schemaname || '.' || sequencename || ' ' || data_type || ' '"
                    + " || start_value || ' ' || min_value || ' ' || max_value || ' ' || increment_by || ' ' || cycle"
                    + " || ' ' || cache_size FROM pg_sequences WHERE schemaname" + in);
        }
        out.sort(null);
        return out;
    }

    /** Constraint and index definitions only. */
    public static List<String> indexesAndConstraints(PostgresServer server, String database, String schemas) throws SQLException {
        return of(server, database, schemas).stream().filter(l -> l.startsWith("constraint ") || l.startsWith("index ")).toList();
    }

    private static void collect(Statement s, List<String> out, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
    }
}
