package io.sgstream.apply.ddl;

import io.sgstream.apply.prepare.CapturedTables;
import io.sgstream.apply.sql.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the schema of the tables a stream captures from the source's catalogs and writes it as a
 * {@link DdlScript} — what StackGres obtains by running {@code pg_dumpall --roles-only} and
 * {@code pg_dump --schema-only} on the source, without needing the dump binaries, superuser rights or dblink:
 * only catalog reads over the ordinary connection. The catalog's own deparsers ({@code format_type},
 * {@code pg_get_expr}, {@code pg_get_constraintdef}, {@code pg_get_indexdef}) produce the text, with
 * {@code search_path} set to {@code pg_catalog} so every name they print is schema-qualified.
 *
 * <p>Roles, memberships, owners and grants are optional statements: a target user that may not create roles gets
 * the rest of the schema, with warnings. Scope: roles (not those matching the skip filter, never predefined {@code pg_*} roles) and their
 * memberships; the schemas of captured tables; user enum, domain, composite and range types of those schemas
 * (not those of extensions); sequences owned by captured tables or standing alone in those schemas; captured
 * ordinary tables (columns with exact types, collations, defaults, NOT NULL, identity, generated columns; only
 * captured columns); their primary keys, unique, exclusion, check and foreign-key constraints (a foreign key to
 * a table the stream does not capture is left out); their other indexes; owners and table/schema grants.
 * Partitioned tables come as whole trees (any captured member brings its tree). {@link DependentObjects} adds
 * the extensions these need, functions, views, triggers, row-level security and comments;
 * {@link CollationsAndTextSearch} collations and text search dictionaries and configurations;
 * {@link OperatorsCastsAggregates} operators, operator families and classes, casts and aggregates;
 * {@link DatabaseWideObjects} event triggers and default privileges.
 */
public final class SourceSchemaReader {

    private static final Logger LOG = LoggerFactory.getLogger(SourceSchemaReader.class);

    private final CapturedTables captured;
    private final String roleSkipFilter;

    /** @param roleSkipFilter {@code SIMILAR TO} pattern of role names not to import; null: superusers and replication roles */
    public SourceSchemaReader(CapturedTables captured, String roleSkipFilter) {
        this.captured = captured;
        this.roleSkipFilter = roleSkipFilter;
    }

    /** Reads in one repeatable-read transaction, so the script is one consistent picture of the source. */
    public DdlScript read(Connection source) throws SQLException {
        boolean autoCommit = source.getAutoCommit();
        source.setAutoCommit(false);
        try (Statement s = source.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            s.execute("SET LOCAL search_path = pg_catalog");
            List<Table> tables = tables(source);
            Set<String> schemas = new LinkedHashSet<>();
            tables.forEach(t -> schemas.add(t.schema));
            List<DdlStatement> out = new ArrayList<>();
            List<String> roles = roles(source, out);
            for (String schema : schemas) {
                out.add(DdlStatement.required("schema " + schema, "CREATE SCHEMA IF NOT EXISTS " + Sql.ident(schema)));
            }
            int extensionsAt = out.size();
            List<CatalogObject> others = new ArrayList<>();
            CollationsAndTextSearch.read(source, schemas, roles, out, others);
            types(source, schemas, out);
            List<Long> functions = DependentObjects.functions(source, schemas, out);
            OperatorsCastsAggregates.read(source, schemas, functions, roles, out, others);
            List<DdlStatement> ownership = new ArrayList<>();
            sequences(source, schemas, tables, out, ownership);
            for (Table t : tables) {
                out.add(DdlStatement.required("table " + t.qualified(), t.parent != 0
                        ? createPartition(source, t, byOid(tables, t.parent)) : createTable(source, t)));
            }
            constraints(source, tables, "'p', 'u', 'x', 'c'", out);
            indexes(source, tables, out);
            attachedIndexes(source, tables, out);
            constraints(source, tables, "'f'", out);
            out.addAll(ownership);
            Set<Long> tableOids = new LinkedHashSet<>();
            tables.forEach(t -> tableOids.add(t.oid));
            List<Long> views = DependentObjects.views(source, schemas, tableOids, out);
            Set<Long> relations = new LinkedHashSet<>(tableOids);
            relations.addAll(views);
            DependentObjects.triggers(source, relations, out);
            DependentObjects.rowSecurity(source, tableOids, out);
            ownersAndGrants(source, schemas, tables, roles, out);
            viewAndFunctionOwners(source, views, functions, roles, out);
            List<DdlStatement> eventTriggers = new ArrayList<>(); // last: none fires for the import's own DDL
            DatabaseWideObjects.eventTriggers(source, functions, roles, eventTriggers, others);
            DependentObjects.comments(source, schemas, relations, functions, out);
            DependentObjects.comments(source, others, out);
            DatabaseWideObjects.defaultPrivileges(source, schemas, roles, out);
            out.addAll(eventTriggers);
            List<DdlStatement> extensions = new ArrayList<>();
            DependentObjects.extensions(source, relations, functions, schemas, others, extensions);
            out.addAll(extensionsAt, extensions);
            source.rollback();
            return new DdlScript(out);
        } catch (SQLException | RuntimeException e) {
            source.rollback();
            throw e;
        } finally {
            source.setAutoCommit(autoCommit);
        }
    }

    /**
     * A table to create. Partitioned tables and partitions come as whole trees: {@code root} is the tree's root
     * (the table itself when not a partition), {@code parent} the direct parent of a partition (0 otherwise).
     */
    private record Table(long oid, String schema, String name, boolean partitioned, long parent, long root, int depth) {
        String qualified() {
            return schema + "." + name;
        }

        String sql() {
            return Sql.table(schema, name);
        }

        boolean inTree() {
            return partitioned || parent != 0;
        }
    }

    /**
     * The captured tables, parents before their partitions. A partition tree is imported whole when any of its
     * members is captured: the capture snapshots and streams each row once, under its leaf partition's name (or
     * the topmost captured ancestor's, with {@code publish_via_partition_root}), so whichever name an event
     * carries, the target must have that table in the same tree for its rows to land where the source has them.
     */
    private List<Table> tables(Connection c) throws SQLException {
        List<Table> all = new ArrayList<>();
        Set<Long> capturedRoots = new LinkedHashSet<>();
        query(c, "WITH RECURSIVE tree (oid, parent, root, depth) AS ("
                + "  SELECT c.oid, 0::oid, c.oid, 0 FROM pg_class c WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
                + "  UNION ALL SELECT i.inhrelid, i.inhparent, t.root, t.depth + 1 FROM pg_inherits i"
                + "  JOIN tree t ON t.oid = i.inhparent JOIN pg_class p ON p.oid = i.inhrelid AND p.relispartition)"
                + " SELECT c.oid, n.nspname, c.relname, c.relkind = 'p', t.parent, t.root, t.depth"
                + " FROM tree t JOIN pg_class c ON c.oid = t.oid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'"
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
                + "   AND d.objid = t.root AND d.deptype = 'e') ORDER BY t.depth, 2, 3", rs -> {
            Table t = new Table(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getLong(5),
                    rs.getLong(6), rs.getInt(7));
            all.add(t);
            if (captured.table(t.schema, t.name)) {
                capturedRoots.add(t.root);
            }
        });
        return all.stream().filter(t -> capturedRoots.contains(t.root)).toList();
    }

    private static Table byOid(List<Table> tables, long oid) {
        return tables.stream().filter(t -> t.oid == oid).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ roles

    private List<String> roles(Connection c, List<DdlStatement> out) throws SQLException {
        String skip = roleSkipFilter == null ? "(r.rolsuper OR r.rolreplication)" : "r.rolname SIMILAR TO ?";
        String columns = "r.rolname, r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,"
                + " r.rolreplication, r.rolbypassrls, r.rolconnlimit, r.rolvaliduntil::text, ";
        String where = " WHERE r.rolname !~ '^pg_' AND NOT " + skip + " ORDER BY r.oid";
        List<String> names = new ArrayList<>();
        RowHandler role = rs -> {
            String name = rs.getString(1);
            names.add(name);
            StringBuilder sql = new StringBuilder("CREATE ROLE ").append(Sql.ident(name)).append(" WITH");
            sql.append(rs.getBoolean(2) ? " SUPERUSER" : " NOSUPERUSER");
            sql.append(rs.getBoolean(3) ? " INHERIT" : " NOINHERIT");
            sql.append(rs.getBoolean(4) ? " CREATEROLE" : " NOCREATEROLE");
            sql.append(rs.getBoolean(5) ? " CREATEDB" : " NOCREATEDB");
            sql.append(rs.getBoolean(6) ? " LOGIN" : " NOLOGIN");
            sql.append(rs.getBoolean(7) ? " REPLICATION" : " NOREPLICATION");
            sql.append(rs.getBoolean(8) ? " BYPASSRLS" : " NOBYPASSRLS");
            sql.append(" CONNECTION LIMIT ").append(rs.getInt(9));
            if (rs.getString(10) != null) {
                sql.append(" VALID UNTIL ").append(literal(rs.getString(10)));
            }
            String password = rs.getString(11);
            if (password != null) {
                sql.append(" PASSWORD ").append(literal(password)); // the hash, as pg_dumpall copies it
            }
            out.add(DdlStatement.optional("role " + name, sql.toString())); // refused (no CREATEROLE): left out, warned
        };
        // Password hashes are only readable by a superuser: without them roles are created without passwords.
        try (Statement sp = c.createStatement()) {
            sp.execute("SAVEPOINT roles");
            try {
                queryWith(c, "SELECT " + columns + "r.rolpassword FROM pg_authid r" + where, roleSkipFilter, role);
                sp.execute("RELEASE SAVEPOINT roles");
            } catch (SQLException e) {
                if (!"42501".equals(e.getSQLState())) {
                    throw e;
                }
                sp.execute("ROLLBACK TO SAVEPOINT roles");
            out.removeIf(s -> s.object().startsWith("role "));
            names.clear();
                LOG.info("the source user may not read password hashes: roles are imported without passwords");
                queryWith(c, "SELECT " + columns + "NULL FROM pg_roles r" + where, roleSkipFilter, role);
            }
        }
        query(c, "SELECT r.rolname, m.rolname, am.admin_option FROM pg_auth_members am"
                + " JOIN pg_roles r ON r.oid = am.roleid JOIN pg_roles m ON m.oid = am.member ORDER BY 1, 2", rs -> {
            if (names.contains(rs.getString(1)) && names.contains(rs.getString(2))) {
                out.add(DdlStatement.optional("membership of " + rs.getString(2) + " in " + rs.getString(1),
                        "GRANT " + Sql.ident(rs.getString(1)) + " TO " + Sql.ident(rs.getString(2))
                                + (rs.getBoolean(3) ? " WITH ADMIN OPTION" : "")));
            }
        });
        return names;
    }

    // ------------------------------------------------------------------ types

    private void types(Connection c, Set<String> schemas, List<DdlStatement> out) throws SQLException {
        List<Object[]> found = new ArrayList<>();
        query(c, "SELECT t.oid, n.nspname, t.typname, t.typtype::text, t.typrelid FROM pg_type t"
                + " JOIN pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND"
                + "   (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))"
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass"
                + "   AND d.objid = t.oid AND d.deptype = 'e')"
                + " ORDER BY t.oid", rs -> {
            if (schemas.contains(rs.getString(2))) {
                found.add(new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)});
            }
        });
        for (Object[] t : found) {
            long oid = (Long) t[0];
            String name = Sql.table((String) t[1], (String) t[2]);
            String object = "type " + t[1] + "." + t[2];
            switch ((String) t[3]) {
                case "e" -> {
                    List<String> labels = new ArrayList<>();
                    queryWith(c, "SELECT enumlabel FROM pg_enum WHERE enumtypid = ? ORDER BY enumsortorder", oid,
                            rs -> labels.add(literal(rs.getString(1))));
                    out.add(DdlStatement.required(object, "CREATE TYPE " + name + " AS ENUM (" + String.join(", ", labels) + ")"));
                }
                case "d" -> out.add(DdlStatement.required(object, domain(c, oid, name)));
                case "c" -> {
                    List<String> attributes = new ArrayList<>();
                    queryWith(c, "SELECT a.attname, format_type(a.atttypid, a.atttypmod), " + collation("a.attcollation", "a.atttypid")
                            + " FROM pg_attribute a WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped"
                            + " ORDER BY a.attnum", (Long) t[4], rs -> attributes.add(Sql.ident(rs.getString(1)) + " "
                            + rs.getString(2) + (rs.getString(3) != null ? " COLLATE " + rs.getString(3) : "")));
                    out.add(DdlStatement.required(object, "CREATE TYPE " + name + " AS (" + String.join(", ", attributes) + ")"));
                }
                case "r" -> queryWith(c, "SELECT format_type(r.rngsubtype, NULL), r.rngsubdiff::regproc::text,"
                        + " r.rngsubdiff <> 0, format_type(r.rngmultitypid, NULL),"
                        + " CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation"
                        + "   THEN r.rngcollation::regcollation::text END"
                        + " FROM pg_range r JOIN pg_type st ON st.oid = r.rngsubtype WHERE r.rngtypid = ?", oid, rs ->
                        out.add(DdlStatement.required(object, "CREATE TYPE " + name + " AS RANGE (SUBTYPE = " + rs.getString(1)
                                + (rs.getBoolean(3) ? ", SUBTYPE_DIFF = " + rs.getString(2) : "")
                                + (rs.getString(5) != null ? ", COLLATION = " + rs.getString(5) : "")
                                + ", MULTIRANGE_TYPE_NAME = " + rs.getString(4) + ")")));
                default -> throw new IllegalStateException("type kind " + t[3]);
            }
        }
    }

    private static String domain(Connection c, long oid, String name) throws SQLException {
        StringBuilder sql = new StringBuilder("CREATE DOMAIN ").append(name).append(" AS ");
        queryWith(c, "SELECT format_type(t.typbasetype, t.typtypmod), t.typdefault, t.typnotnull,"
                + " CASE WHEN t.typcollation <> 0 AND t.typcollation <> b.typcollation"
                + "   THEN t.typcollation::regcollation::text END"
                + " FROM pg_type t JOIN pg_type b ON b.oid = t.typbasetype WHERE t.oid = ?", oid, rs -> {
            sql.append(rs.getString(1));
            if (rs.getString(4) != null) {
                sql.append(" COLLATE ").append(rs.getString(4));
            }
            if (rs.getString(2) != null) {
                sql.append(" DEFAULT ").append(rs.getString(2));
            }
            if (rs.getBoolean(3)) {
                sql.append(" NOT NULL");
            }
        });
        queryWith(c, "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contypid = ? AND contype = 'c'"
                + " ORDER BY conname", oid, rs -> sql.append(" CONSTRAINT ").append(Sql.ident(rs.getString(1)))
                .append(' ').append(rs.getString(2)));
        return sql.toString();
    }

    // ------------------------------------------------------------------ sequences and tables

    private void sequences(Connection c, Set<String> schemas, List<Table> tables, List<DdlStatement> out,
                           List<DdlStatement> ownership) throws SQLException {
        Set<Long> tableOids = new LinkedHashSet<>();
        tables.forEach(t -> tableOids.add(t.oid));
        query(c, "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin,"
                + " s.seqmax, s.seqcache, s.seqcycle, d.refobjid, a.attname, d.deptype::text"
                + " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid"
                + "   AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')"
                + " LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                + " ORDER BY 1, 2", rs -> {
            String deptype = rs.getString(12);
            if ("i".equals(deptype)) {
                return; // an identity column's sequence comes with its column
            }
            long owner = rs.getLong(10);
            boolean owned = deptype != null;
            if (owned ? !tableOids.contains(owner) : !schemas.contains(rs.getString(1))) {
                return;
            }
            String name = Sql.table(rs.getString(1), rs.getString(2));
            out.add(DdlStatement.required("sequence " + rs.getString(1) + "." + rs.getString(2),
                    "CREATE SEQUENCE IF NOT EXISTS " + name + " AS " + rs.getString(3) + sequenceOptions(rs, 4)));
            if (owned) {
                Table t = tables.stream().filter(x -> x.oid == owner).findFirst().orElseThrow();
                if (captured.columnOfTree(t.schema, t.name, rs.getString(11))) {
                    ownership.add(DdlStatement.required("ownership of sequence " + name, "ALTER SEQUENCE " + name
                            + " OWNED BY " + t.sql() + "." + Sql.ident(rs.getString(11))));
                }
            }
        });
    }

    /** START, INCREMENT, MINVALUE, MAXVALUE, CACHE, CYCLE from six columns starting at {@code from}. */
    private static String sequenceOptions(ResultSet rs, int from) throws SQLException {
        return " START WITH " + rs.getLong(from) + " INCREMENT BY " + rs.getLong(from + 1)
                + " MINVALUE " + rs.getLong(from + 2) + " MAXVALUE " + rs.getLong(from + 3)
                + " CACHE " + rs.getLong(from + 4) + (rs.getBoolean(from + 5) ? " CYCLE" : " NO CYCLE");
    }

    private String createTable(Connection c, Table t) throws SQLException {
        List<String> columns = new ArrayList<>();
        queryWith(c, "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                + " pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text, "
                + collation("a.attcollation", "a.atttypid") + ","
                + " sn.nspname, sc.relname, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle"
                + " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " LEFT JOIN pg_depend dep ON a.attidentity <> '' AND dep.refclassid = 'pg_class'::regclass"
                + "   AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'i'"
                + "   AND dep.classid = 'pg_class'::regclass"
                + " LEFT JOIN pg_sequence s ON s.seqrelid = dep.objid"
                + " LEFT JOIN pg_class sc ON sc.oid = dep.objid LEFT JOIN pg_namespace sn ON sn.oid = sc.relnamespace"
                + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", t.oid, rs -> {
            String name = rs.getString(1);
            if (!captured.columnOfTree(t.schema, t.name, name)) {
                return;
            }
            StringBuilder col = new StringBuilder(Sql.ident(name)).append(' ').append(rs.getString(2));
            if (rs.getString(7) != null) {
                col.append(" COLLATE ").append(rs.getString(7));
            }
            String identity = rs.getString(5);
            String generated = rs.getString(6);
            if ("s".equals(generated)) {
                col.append(" GENERATED ALWAYS AS (").append(rs.getString(4)).append(") STORED");
            } else if (!identity.isEmpty()) {
                col.append(" GENERATED ").append("a".equals(identity) ? "ALWAYS" : "BY DEFAULT")
                        .append(" AS IDENTITY (SEQUENCE NAME ").append(Sql.table(rs.getString(8), rs.getString(9)))
                        .append(sequenceOptions(rs, 10)).append(')');
            } else if (rs.getString(4) != null) {
                col.append(" DEFAULT ").append(rs.getString(4));
            }
            if (rs.getBoolean(3)) {
                col.append(" NOT NULL");
            }
            columns.add(col.toString());
        });
        return "CREATE TABLE " + t.sql() + " (" + String.join(", ", columns) + ")" + partitionBy(c, t);
    }

    private static String partitionBy(Connection c, Table t) throws SQLException {
        if (!t.partitioned) {
            return "";
        }
        StringBuilder key = new StringBuilder();
        queryWith(c, "SELECT pg_get_partkeydef(?)", t.oid, rs -> key.append(" PARTITION BY ").append(rs.getString(1)));
        return key.toString();
    }

    /**
     * {@code CREATE TABLE .. PARTITION OF parent FOR VALUES ..} (or {@code DEFAULT}): the columns come from the
     * parent; only a default or NOT NULL the partition has on its own is written, as {@code WITH OPTIONS}.
     */
    private String createPartition(Connection c, Table t, Table parent) throws SQLException {
        List<String> options = new ArrayList<>();
        queryAll(c, "SELECT a.attname, pg_get_expr(d.adbin, d.adrelid), pg_get_expr(pd.adbin, pd.adrelid),"
                + " a.attnotnull AND NOT pa.attnotnull, a.attidentity = '' AND a.attgenerated = ''"
                + " FROM pg_attribute a JOIN pg_attribute pa ON pa.attrelid = ? AND pa.attname = a.attname"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " LEFT JOIN pg_attrdef pd ON pd.adrelid = pa.attrelid AND pd.adnum = pa.attnum"
                + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", rs -> {
            StringBuilder option = new StringBuilder();
            String own = rs.getString(2);
            if (rs.getBoolean(5) && own != null && !own.equals(rs.getString(3))) {
                option.append(" DEFAULT ").append(own);
            }
            if (rs.getBoolean(4)) {
                option.append(" NOT NULL");
            }
            if (!option.isEmpty()) {
                options.add(Sql.ident(rs.getString(1)) + " WITH OPTIONS" + option);
            }
        }, parent.oid, t.oid);
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(t.sql()).append(" PARTITION OF ").append(parent.sql());
        if (!options.isEmpty()) {
            sql.append(" (").append(String.join(", ", options)).append(')');
        }
        queryWith(c, "SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE oid = ?", t.oid,
                rs -> sql.append(' ').append(rs.getString(1)));
        return sql + partitionBy(c, t);
    }

    private static String collation(String collationColumn, String typeColumn) {
        return "CASE WHEN " + collationColumn + " <> 0 AND " + collationColumn
                + " <> (SELECT typcollation FROM pg_type WHERE oid = " + typeColumn + ")"
                + " THEN " + collationColumn + "::regcollation::text END";
    }

    /**
     * Constraints as {@code pg_dump} writes them. In a partition tree, a key, unique or exclusion constraint is
     * added to each table {@code ONLY} under its own name and the partitions' indexes are attached to the
     * parent's afterwards ({@link #attachedIndexes}), so every name is the source's; check constraints and
     * foreign keys are added to the parent alone and reach the partitions as PostgreSQL clones them.
     */
    private void constraints(Connection c, List<Table> tables, String kinds, List<DdlStatement> out) throws SQLException {
        for (Table t : tables) {
            queryWith(c, "SELECT conname, pg_get_constraintdef(con.oid), confrelid, contype::text, " + ConstraintText.STORAGE
                    + " FROM pg_constraint con WHERE conrelid = ? AND contype IN (" + kinds + ")"
                    + " AND (conislocal OR contype IN ('p', 'u', 'x')) AND (conparentid = 0 OR contype <> 'f')"
                    + " ORDER BY CASE contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 ELSE 2 END, conname", t.oid, rs -> {
                long referenced = rs.getLong(3);
                if (referenced != 0 && tables.stream().noneMatch(x -> x.oid == referenced)) {
                    LOG.warn("foreign key {} of {} refers to a table the stream does not capture: not imported",
                            rs.getString(1), t.qualified());
                    return;
                }
                boolean only = t.inTree() && "pux".contains(rs.getString(4));
                out.add(DdlStatement.required("constraint " + rs.getString(1) + " on " + t.qualified(),
                        "ALTER TABLE " + (only ? "ONLY " : "") + t.sql() + " ADD CONSTRAINT " + Sql.ident(rs.getString(1))
                                + " " + ConstraintText.withStorage(rs.getString(2), rs.getString(5))));
            });
        }
    }

    /** Partitions' indexes (of keys too) attached to their parent's, deepest first: a parent's index is valid once all are. */
    private void attachedIndexes(Connection c, List<Table> tables, List<DdlStatement> out) throws SQLException {
        List<Table> deepestFirst = new ArrayList<>(tables);
        deepestFirst.sort((a, b) -> Integer.compare(b.depth, a.depth));
        for (Table t : deepestFirst) {
            if (t.parent == 0) {
                continue;
            }
            queryWith(c, "SELECT pn.nspname, p.relname, ci.relname FROM pg_index x"
                    + " JOIN pg_class ci ON ci.oid = x.indexrelid JOIN pg_inherits i ON i.inhrelid = x.indexrelid"
                    + " JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace"
                    + " WHERE x.indrelid = ? ORDER BY 3", t.oid, rs -> out.add(DdlStatement.required(
                    "attachment of index " + rs.getString(3) + " of " + t.qualified(), "ALTER INDEX "
                            + Sql.table(rs.getString(1), rs.getString(2)) + " ATTACH PARTITION "
                            + Sql.table(t.schema, rs.getString(3)))));
        }
    }

    private void indexes(Connection c, List<Table> tables, List<DdlStatement> out) throws SQLException {
        for (Table t : tables) {
            queryWith(c, "SELECT ic.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i"
                    + " JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = ?"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid"
                    + "   AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))"
                    + " ORDER BY ic.relname", t.oid, rs -> out.add(DdlStatement.required(
                    "index " + rs.getString(1) + " on " + t.qualified(), rs.getString(2))));
        }
    }

    private void ownersAndGrants(Connection c, Set<String> schemas, List<Table> tables, List<String> roles,
                                 List<DdlStatement> out) throws SQLException {
        for (String schema : schemas) {
            queryWith(c, "SELECT pg_get_userbyid(n.nspowner), a.grantee, a.privilege_type, a.is_grantable,"
                    + " pg_get_userbyid(a.grantee)"
                    + " FROM pg_namespace n LEFT JOIN LATERAL aclexplode(n.nspacl) a ON true WHERE n.nspname = ?",
                    schema, rs -> grant(rs, "SCHEMA", Sql.ident(schema), "schema " + schema, roles, out));
        }
        for (Table t : tables) {
            queryWith(c, "SELECT pg_get_userbyid(c.relowner), a.grantee, a.privilege_type, a.is_grantable,"
                    + " pg_get_userbyid(a.grantee)"
                    + " FROM pg_class c LEFT JOIN LATERAL aclexplode(c.relacl) a ON true WHERE c.oid = ?",
                    t.oid, rs -> grant(rs, "TABLE", t.sql(), "table " + t.qualified(), roles, out));
        }
    }

    private static void viewAndFunctionOwners(Connection c, List<Long> views, List<Long> functions, List<String> roles,
                                              List<DdlStatement> out) throws SQLException {
        for (Long view : views) {
            queryWith(c, "SELECT pg_get_userbyid(c.relowner), a.grantee, a.privilege_type, a.is_grantable,"
                    + " pg_get_userbyid(a.grantee), c.oid::regclass::text, c.relkind = 'm'"
                    + " FROM pg_class c LEFT JOIN LATERAL aclexplode(c.relacl) a ON true WHERE c.oid = ?", view,
                    rs -> grant(rs, "TABLE", rs.getString(6), (rs.getBoolean(7) ? "materialized view " : "view ")
                            + rs.getString(6), roles, out));
        }
        for (Long function : functions) {
            queryWith(c, "SELECT pg_get_userbyid(p.proowner), a.grantee, a.privilege_type, a.is_grantable,"
                    + " pg_get_userbyid(a.grantee), p.oid::regprocedure::text"
                    + " FROM pg_proc p LEFT JOIN LATERAL aclexplode(p.proacl) a ON true WHERE p.oid = ?", function,
                    rs -> grant(rs, "ROUTINE", rs.getString(6), "function " + rs.getString(6), roles, out));
        }
    }

    /** Owner first (once per object), then each privilege to a role that is imported (or PUBLIC). */
    private static void grant(ResultSet rs, String kind, String name, String object, List<String> roles,
                              List<DdlStatement> out) throws SQLException {
        String owner = rs.getString(1);
        String ownerStatement = "ALTER " + kind + " " + name + " OWNER TO " + Sql.ident(owner);
        if (roles.contains(owner) && out.stream().noneMatch(s -> s.sql().equals(ownerStatement))) {
            out.add(DdlStatement.optional("owner of " + object, ownerStatement));
        }
        if (rs.getString(3) == null) {
            return; // default privileges
        }
        boolean isPublic = rs.getLong(2) == 0;
        String grantee = rs.getString(5);
        if (!isPublic && (grantee.equals(owner) || !roles.contains(grantee))) {
            return;
        }
        out.add(DdlStatement.optional(rs.getString(3) + " on " + object, "GRANT " + rs.getString(3) + " ON " + kind
                + " " + name + " TO " + (isPublic ? "PUBLIC" : Sql.ident(grantee))
                + (rs.getBoolean(4) ? " WITH GRANT OPTION" : "")));
    }

    // ------------------------------------------------------------------ JDBC

    interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    static void query(Connection c, String sql, RowHandler handler) throws SQLException {
        queryAll(c, sql, handler);
    }

    static void queryWith(Connection c, String sql, Object parameter, RowHandler handler) throws SQLException {
        if (parameter == null) {
            queryAll(c, sql, handler);
        } else {
            queryAll(c, sql, handler, parameter);
        }
    }

    static void queryAll(Connection c, String sql, RowHandler handler, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        }
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
