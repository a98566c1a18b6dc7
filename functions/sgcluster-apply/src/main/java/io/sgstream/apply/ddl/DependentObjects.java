package io.sgstream.apply.ddl;

import io.sgstream.apply.sql.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.sgstream.apply.ddl.SourceSchemaReader.literal;
import static io.sgstream.apply.ddl.SourceSchemaReader.query;
import static io.sgstream.apply.ddl.SourceSchemaReader.queryAll;

/**
 * What lives around the captured tables, read like {@link SourceSchemaReader} from the source's catalogs and
 * deparsed by the catalog itself: the extensions they need, functions and procedures of their schemas
 * ({@code pg_get_functiondef}), views and materialized views of those schemas in dependency order
 * ({@code pg_get_viewdef}), triggers ({@code pg_get_triggerdef}, with their enabled state) and row-level
 * security (flags, policies) of the imported tables, and comments on everything imported.
 */
final class DependentObjects {

    private static final Logger LOG = LoggerFactory.getLogger(DependentObjects.class);
    private static final String NOT_IN_EXTENSION = " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = %s"
            + " AND e.objid = %s AND e.deptype = 'e')";

    private DependentObjects() {
    }

    /**
     * {@code CREATE EXTENSION IF NOT EXISTS} for each extension an imported object depends on directly (a column's
     * type, a default's or constraint's function, an index's operator class, a view's function, a trigger's
     * function), in the source's schema of the extension (created if missing), at the target's default version.
     * An extension the target does not have aborts the import with its name.
     */
    static void extensions(Connection c, Set<Long> relations, List<Long> functions, Set<String> schemas,
                           List<CatalogObject> others, List<DdlStatement> out) throws SQLException {
        Long[] oids = relations.toArray(new Long[0]);
        Map<String, String> found = new LinkedHashMap<>();
        queryAll(c, "SELECT DISTINCT x.extname, xn.nspname FROM pg_depend d"
                + " JOIN pg_depend m ON m.classid = d.refclassid AND m.objid = d.refobjid AND m.deptype = 'e'"
                + "   AND m.refclassid = 'pg_extension'::regclass"
                + " JOIN pg_extension x ON x.oid = m.refobjid JOIN pg_namespace xn ON xn.oid = x.extnamespace"
                + " WHERE (d.classid = 'pg_class'::regclass AND d.objid::bigint = ANY(?))"
                + " OR (d.classid = 'pg_class'::regclass AND d.objid IN (SELECT indexrelid FROM pg_index WHERE indrelid::bigint = ANY(?)))"
                + " OR (d.classid = 'pg_attrdef'::regclass AND d.objid IN (SELECT oid FROM pg_attrdef WHERE adrelid::bigint = ANY(?)))"
                + " OR (d.classid = 'pg_constraint'::regclass AND d.objid IN (SELECT oid FROM pg_constraint WHERE conrelid::bigint = ANY(?)))"
                + " OR (d.classid = 'pg_rewrite'::regclass AND d.objid IN (SELECT oid FROM pg_rewrite WHERE ev_class::bigint = ANY(?)))"
                + " OR (d.classid = 'pg_trigger'::regclass AND d.objid IN (SELECT oid FROM pg_trigger WHERE tgrelid::bigint = ANY(?)))"
                + " OR (d.classid = 'pg_type'::regclass AND d.objid IN (SELECT t.oid FROM pg_type t JOIN pg_namespace n"
                + "   ON n.oid = t.typnamespace WHERE n.nspname = ANY(?)))"
                + " OR (d.classid = 'pg_proc'::regclass AND d.objid::bigint = ANY(?))"
                + " OR (d.classid, d.objid) IN (SELECT o.catalog::regclass, o.oid::oid FROM unnest(?::text[], ?::bigint[]) o (catalog, oid))"
                + " ORDER BY 1", rs -> found.put(rs.getString(1), rs.getString(2)),
                c.createArrayOf("bigint", oids), c.createArrayOf("bigint", oids), c.createArrayOf("bigint", oids),
                c.createArrayOf("bigint", oids), c.createArrayOf("bigint", oids), c.createArrayOf("bigint", oids),
                c.createArrayOf("text", schemas.toArray()), c.createArrayOf("bigint", functions.toArray()),
                c.createArrayOf("text", others.stream().map(CatalogObject::catalog).toArray()),
                c.createArrayOf("bigint", others.stream().map(CatalogObject::oid).toArray()));
        found.forEach((name, schema) -> {
            if (!schemas.contains(schema) && !schema.equals("pg_catalog")) {
                out.add(DdlStatement.required("schema " + schema + " of extension " + name,
                        "CREATE SCHEMA IF NOT EXISTS " + Sql.ident(schema)));
            }
            out.add(DdlStatement.required("extension " + name + " (needed by the captured tables: it must be"
                    + " available on the target)", "CREATE EXTENSION IF NOT EXISTS " + Sql.ident(name)
                    + " WITH SCHEMA " + Sql.ident(schema)));
        });
    }

    /**
     * Functions and procedures of the imported schemas (not aggregates, not those of extensions), as
     * {@code CREATE FUNCTION} so that one the target already has is kept. Bodies are not checked on creation
     * ({@code check_function_bodies = off}, as {@code pg_dump} does): they may use tables created later.
     */
    static List<Long> functions(Connection c, Set<String> schemas, List<DdlStatement> out) throws SQLException {
        List<Long> oids = new ArrayList<>();
        out.add(DdlStatement.required("setting check_function_bodies", "SET LOCAL check_function_bodies = off"));
        queryAll(c, "SELECT p.oid, p.oid::regprocedure::text, pg_get_functiondef(p.oid) FROM pg_proc p"
                + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p') AND n.nspname = ANY(?)"
                + NOT_IN_EXTENSION.formatted("'pg_proc'::regclass", "p.oid") + " ORDER BY p.oid", rs -> {
            oids.add(rs.getLong(1));
            out.add(DdlStatement.required("function " + rs.getString(2),
                    rs.getString(3).replaceFirst("^CREATE OR REPLACE ", "CREATE ")));
        }, c.createArrayOf("text", schemas.toArray()));
        return oids;
    }

    /**
     * Views and materialized views of the imported schemas, each after the views it reads: a view reading a
     * relation that is not imported (a table the stream does not capture) is left out with a warning, and so
     * are the views reading it. Materialized views are created {@code WITH NO DATA} (the tables are empty
     * before the snapshot), with their indexes; the tombstone refreshes them ({@code TargetPreparer}).
     */
    static List<Long> views(Connection c, Set<String> schemas, Set<Long> tables, List<DdlStatement> out) throws SQLException {
        record View(long oid, String name, boolean materialized, String options, String definition) {
        }
        Map<Long, View> views = new LinkedHashMap<>();
        queryAll(c, "SELECT v.oid, v.oid::regclass::text, v.relkind = 'm', array_to_string(v.reloptions, ', '),"
                + " pg_get_viewdef(v.oid) FROM pg_class v JOIN pg_namespace n ON n.oid = v.relnamespace"
                + " WHERE v.relkind IN ('v', 'm') AND n.nspname = ANY(?)"
                + NOT_IN_EXTENSION.formatted("'pg_class'::regclass", "v.oid") + " ORDER BY v.oid", rs ->
                views.put(rs.getLong(1), new View(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                        rs.getString(5))), c.createArrayOf("text", schemas.toArray()));
        Map<Long, Set<Long>> reads = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        query(c, "SELECT DISTINCT r.ev_class, d.refobjid, d.refobjid::regclass::text, rel.relkind::text"
                + " FROM pg_rewrite r JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid"
                + "   AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> r.ev_class"
                + " JOIN pg_class rel ON rel.oid = d.refobjid", rs -> {
            if (views.containsKey(rs.getLong(1))) {
                reads.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2));
                names.put(rs.getLong(2), rs.getString(3));
            }
        });
        List<Long> ordered = new ArrayList<>();
        Set<Long> done = new HashSet<>(tables);
        Set<Long> left = new LinkedHashSet<>(views.keySet());
        boolean progress = true;
        while (progress && !left.isEmpty()) {
            progress = false;
            for (Long v : List.copyOf(left)) {
                if (done.containsAll(reads.getOrDefault(v, Set.of()))) {
                    ordered.add(v);
                    done.add(v);
                    left.remove(v);
                    progress = true;
                }
            }
        }
        for (Long v : left) {
            List<String> missing = reads.get(v).stream().filter(r -> !done.contains(r)).map(names::get).sorted().toList();
            LOG.warn("view {} reads {}, which the stream does not capture: not imported", views.get(v).name, missing);
        }
        for (Long oid : ordered) {
            View v = views.get(oid);
            String options = v.options == null || v.options.isEmpty() ? "" : " WITH (" + v.options + ")";
            String body = v.definition.trim();
            body = body.endsWith(";") ? body.substring(0, body.length() - 1) : body;
            out.add(DdlStatement.required((v.materialized ? "materialized view " : "view ") + v.name,
                    "CREATE " + (v.materialized ? "MATERIALIZED VIEW " : "VIEW ") + v.name + options + " AS " + body
                            + (v.materialized ? " WITH NO DATA" : "")));
            if (v.materialized) {
                queryAll(c, "SELECT ic.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i"
                        + " JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = ? ORDER BY 1", rs ->
                        out.add(DdlStatement.required("index " + rs.getString(1) + " on " + v.name, rs.getString(2))), oid);
            }
        }
        return ordered;
    }

    /**
     * The {@code ALTER … TRIGGER} keywords for a trigger's or event trigger's {@code tgenabled}/{@code evtenabled}
     * code, null for the default state (enabled, origin and local sessions).
     */
    static String enabledState(String code) {
        return switch (code) {
            case "D" -> "DISABLE";
            case "R" -> "ENABLE REPLICA";
            case "A" -> "ENABLE ALWAYS";
            default -> null;
        };
    }

    /**
     * Triggers of the imported tables and views ({@code pg_get_triggerdef}; not internal ones such as foreign-key
     * checks, not a partition's clones of its parent's), then their state when not the ordinary one: disabled,
     * {@code ENABLE REPLICA} or {@code ENABLE ALWAYS}. The apply writes with {@code session_replication_role =
     * replica} when the target user may set it, so ordinary triggers do not fire for replicated rows.
     */
    static void triggers(Connection c, Set<Long> relations, List<DdlStatement> out) throws SQLException {
        queryAll(c, "SELECT t.tgname, t.tgrelid::regclass::text, pg_get_triggerdef(t.oid), t.tgenabled::text"
                + " FROM pg_trigger t WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND t.tgrelid::bigint = ANY(?)"
                + " ORDER BY 2, 1", rs -> {
            String object = "trigger " + rs.getString(1) + " on " + rs.getString(2);
            out.add(DdlStatement.required(object, rs.getString(3)));
            String state = enabledState(rs.getString(4));
            if (state != null) {
                out.add(DdlStatement.required("state of " + object, "ALTER TABLE " + rs.getString(2) + " " + state
                        + " TRIGGER " + Sql.ident(rs.getString(1))));
            }
        }, c.createArrayOf("bigint", relations.toArray()));
    }

    /**
     * {@code ENABLE}/{@code FORCE ROW LEVEL SECURITY} and the policies of the imported tables. A policy naming a
     * role the target lacks is left out with a warning, like a grant. Writing into a table that forces row-level
     * security needs a target user that bypasses it (superuser or {@code BYPASSRLS}).
     */
    static void rowSecurity(Connection c, Set<Long> tables, List<DdlStatement> out) throws SQLException {
        Object oids = c.createArrayOf("bigint", tables.toArray());
        queryAll(c, "SELECT oid::regclass::text, relrowsecurity, relforcerowsecurity FROM pg_class"
                + " WHERE oid::bigint = ANY(?) AND (relrowsecurity OR relforcerowsecurity) ORDER BY 1", rs -> {
            if (rs.getBoolean(2)) {
                out.add(DdlStatement.required("row level security of " + rs.getString(1),
                        "ALTER TABLE " + rs.getString(1) + " ENABLE ROW LEVEL SECURITY"));
            }
            if (rs.getBoolean(3)) {
                out.add(DdlStatement.required("forced row level security of " + rs.getString(1),
                        "ALTER TABLE " + rs.getString(1) + " FORCE ROW LEVEL SECURITY"));
            }
        }, oids);
        queryAll(c, "SELECT p.polname, p.polrelid::regclass::text, p.polpermissive, p.polcmd::text,"
                + " (SELECT string_agg(CASE WHEN r = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r)) END, ', ')"
                + "   FROM unnest(p.polroles) r), pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)"
                + " FROM pg_policy p WHERE p.polrelid::bigint = ANY(?) ORDER BY 2, 1", rs -> {
            String command = switch (rs.getString(4)) {
                case "r" -> "SELECT";
                case "a" -> "INSERT";
                case "w" -> "UPDATE";
                case "d" -> "DELETE";
                default -> "ALL";
            };
            StringBuilder sql = new StringBuilder("CREATE POLICY ").append(Sql.ident(rs.getString(1))).append(" ON ")
                    .append(rs.getString(2)).append(rs.getBoolean(3) ? " AS PERMISSIVE" : " AS RESTRICTIVE")
                    .append(" FOR ").append(command).append(" TO ").append(rs.getString(5));
            if (rs.getString(6) != null) {
                sql.append(" USING (").append(rs.getString(6)).append(')');
            }
            if (rs.getString(7) != null) {
                sql.append(" WITH CHECK (").append(rs.getString(7)).append(')');
            }
            out.add(DdlStatement.optional("policy " + rs.getString(1) + " on " + rs.getString(2), sql.toString()));
        }, oids);
    }

    /**
     * {@code COMMENT ON} each imported object that has one: schemas, types, relations and their columns, indexes,
     * constraints, triggers, policies, functions ({@code pg_identify_object} names them). Optional: a comment the
     * target refuses is left out with a warning.
     */
    static void comments(Connection c, Set<String> schemas, Set<Long> relations, List<Long> functions,
                         List<DdlStatement> out) throws SQLException {
        queryAll(c, "SELECT o.type, o.identity, d.description FROM pg_description d"
                + " CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o"
                + " WHERE (d.classoid = 'pg_class'::regclass AND (d.objoid::bigint = ANY(?)"
                + "     OR d.objoid IN (SELECT indexrelid FROM pg_index WHERE indrelid::bigint = ANY(?))))"
                + "  OR (d.classoid = 'pg_constraint'::regclass AND d.objoid IN"
                + "     (SELECT oid FROM pg_constraint WHERE conrelid::bigint = ANY(?) OR contypid IN"
                + "       (SELECT t.oid FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ANY(?))))"
                + "  OR (d.classoid = 'pg_trigger'::regclass AND d.objoid IN (SELECT oid FROM pg_trigger WHERE tgrelid::bigint = ANY(?)))"
                + "  OR (d.classoid = 'pg_policy'::regclass AND d.objoid IN (SELECT oid FROM pg_policy WHERE polrelid::bigint = ANY(?)))"
                + "  OR (d.classoid = 'pg_proc'::regclass AND d.objoid::bigint = ANY(?))"
                + "  OR (d.classoid = 'pg_namespace'::regclass AND d.objoid IN (SELECT oid FROM pg_namespace WHERE nspname = ANY(?)))"
                + "  OR (d.classoid = 'pg_type'::regclass AND d.objoid IN (SELECT t.oid FROM pg_type t"
                + "     JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ANY(?) AND t.typtype IN ('e', 'd', 'r', 'c')"
                + NOT_IN_EXTENSION.formatted("'pg_type'::regclass", "t.oid") + "))"
                + " ORDER BY 1, 2", rs -> comment(rs.getString(1), rs.getString(2), rs.getString(3), out),
                relationArray(c, relations), relationArray(c, relations), relationArray(c, relations),
                c.createArrayOf("text", schemas.toArray()), relationArray(c, relations), relationArray(c, relations),
                c.createArrayOf("bigint", functions.toArray()), c.createArrayOf("text", schemas.toArray()),
                c.createArrayOf("text", schemas.toArray()));
    }

    /** Comments on collations, operators, casts, text search objects, event triggers: {@link CatalogObject}s. */
    static void comments(Connection c, List<CatalogObject> objects, List<DdlStatement> out) throws SQLException {
        queryAll(c, "SELECT o.type, o.identity, d.description FROM pg_description d"
                + " CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o"
                + " WHERE (d.classoid, d.objoid) IN (SELECT x.catalog::regclass, x.oid::oid"
                + "   FROM unnest(?::text[], ?::bigint[]) x (catalog, oid)) ORDER BY 1, 2",
                rs -> comment(rs.getString(1), rs.getString(2), rs.getString(3), out),
                c.createArrayOf("text", objects.stream().map(CatalogObject::catalog).toArray()),
                c.createArrayOf("bigint", objects.stream().map(CatalogObject::oid).toArray()));
    }

    /** {@code COMMENT ON <type> <identity>}, the type and identity as {@code pg_identify_object} names them. */
    private static void comment(String type, String identity, String text, List<DdlStatement> out) {
        String keyword = switch (type) {
            case "table column", "view column", "materialized view column", "composite type column" -> "COLUMN";
            case "table constraint" -> "CONSTRAINT";
            case "domain constraint" -> null; // its identity does not fit COMMENT ON CONSTRAINT .. ON DOMAIN
            case "composite type", "enum type", "range type", "base type" -> "TYPE";
            default -> type.toUpperCase();
        };
        if (keyword != null) {
            out.add(DdlStatement.optional("comment on " + type + " " + identity,
                    "COMMENT ON " + keyword + " " + identity + " IS " + literal(text)));
        }
    }

    private static java.sql.Array relationArray(Connection c, Set<Long> relations) throws SQLException {
        return c.createArrayOf("bigint", relations.toArray());
    }
}
