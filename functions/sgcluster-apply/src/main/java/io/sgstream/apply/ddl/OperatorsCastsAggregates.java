package io.sgstream.apply.ddl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.sgstream.apply.ddl.SourceSchemaReader.literal;
import static io.sgstream.apply.ddl.SourceSchemaReader.queryAll;

/**
 * Operators, operator families and classes, casts and aggregates of the imported schemas (not those of
 * extensions), written as {@code pg_dump} writes them. They come after the functions they are made of and
 * before the tables, whose exclusion constraints and indexes may use an operator class, and the views, which
 * may call an aggregate or a cast. A cast is imported when it is not built in and its source or target type is
 * of an imported schema or its function is imported.
 */
final class OperatorsCastsAggregates {

    private static final String NOT_IN_EXTENSION = " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '%s'::regclass"
            + " AND e.objid = %s AND e.deptype = 'e')";
    /** {@code OPERATOR(schema.name)} of an operator oid column, as CREATE OPERATOR and CREATE AGGREGATE take it. */
    private static final String OPERATOR_NAME = "(SELECT 'OPERATOR(' || quote_ident(xn.nspname) || '.' || x.oprname || ')'"
            + " FROM pg_operator x JOIN pg_namespace xn ON xn.oid = x.oprnamespace WHERE x.oid = %s)";
    private static final String FAMILY_NAME = "(SELECT quote_ident(xn.nspname) || '.' || quote_ident(x.opfname)"
            + " FROM pg_opfamily x JOIN pg_namespace xn ON xn.oid = x.opfnamespace WHERE x.oid = %s)";
    /** First object id PostgreSQL gives to what is not built in. */
    private static final long FIRST_NORMAL_OBJECT_ID = 16384;

    private OperatorsCastsAggregates() {
    }

    /** Adds the aggregates to {@code functions}: their owners, grants and comments are a routine's. */
    static void read(Connection c, Set<String> schemas, List<Long> functions, List<String> roles,
                     List<DdlStatement> out, List<CatalogObject> imported) throws SQLException {
        operators(c, schemas, roles, out, imported);
        List<long[]> families = families(c, schemas, roles, out, imported);
        classes(c, schemas, roles, out, imported);
        for (long[] family : families) {
            looseMembers(c, family[0], out);
        }
        casts(c, schemas, functions, out, imported);
        aggregates(c, schemas, functions, out);
    }

    private static void operators(Connection c, Set<String> schemas, List<String> roles, List<DdlStatement> out,
                                  List<CatalogObject> imported) throws SQLException {
        queryAll(c, "SELECT o.oid, quote_ident(n.nspname) || '.' || o.oprname, o.oid::regoperator::text,"
                + " pg_get_userbyid(o.oprowner), o.oprcode::regproc::text,"
                + " CASE WHEN o.oprleft <> 0 THEN format_type(o.oprleft, NULL) END, format_type(o.oprright, NULL),"
                + " " + OPERATOR_NAME.formatted("o.oprcom") + ", " + OPERATOR_NAME.formatted("o.oprnegate") + ","
                + " CASE WHEN o.oprrest <> 0 THEN o.oprrest::regproc::text END,"
                + " CASE WHEN o.oprjoin <> 0 THEN o.oprjoin::regproc::text END, o.oprcanmerge, o.oprcanhash"
                + " FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace"
                + " WHERE n.nspname = ANY(?) AND o.oprcode <> 0" + NOT_IN_EXTENSION.formatted("pg_operator", "o.oid")
                + " ORDER BY o.oid", rs -> {
            StringBuilder sql = new StringBuilder("CREATE OPERATOR ").append(rs.getString(2))
                    .append(" (FUNCTION = ").append(rs.getString(5));
            if (rs.getString(6) != null) {
                sql.append(", LEFTARG = ").append(rs.getString(6));
            }
            sql.append(", RIGHTARG = ").append(rs.getString(7));
            option(sql, "COMMUTATOR", rs.getString(8));
            option(sql, "NEGATOR", rs.getString(9));
            option(sql, "RESTRICT", rs.getString(10));
            option(sql, "JOIN", rs.getString(11));
            sql.append(rs.getBoolean(12) ? ", MERGES" : "").append(rs.getBoolean(13) ? ", HASHES" : "");
            out.add(DdlStatement.required("operator " + rs.getString(3), sql.append(')').toString()));
            CatalogObject.owner("OPERATOR", rs.getString(3), rs.getString(4), roles, out);
            imported.add(new CatalogObject("pg_operator", rs.getLong(1)));
        }, c.createArrayOf("text", schemas.toArray()));
    }

    /**
     * Every family explicitly, also one an operator class made for itself: the class then names it with
     * {@code FAMILY}, and members that belong to the family alone are added once the classes exist.
     */
    private static List<long[]> families(Connection c, Set<String> schemas, List<String> roles, List<DdlStatement> out,
                                         List<CatalogObject> imported) throws SQLException {
        List<long[]> oids = new ArrayList<>();
        queryAll(c, "SELECT f.oid, " + FAMILY_NAME.formatted("f.oid") + " || ' USING ' || quote_ident(a.amname),"
                + " pg_get_userbyid(f.opfowner) FROM pg_opfamily f JOIN pg_am a ON a.oid = f.opfmethod"
                + " JOIN pg_namespace n ON n.oid = f.opfnamespace WHERE n.nspname = ANY(?)"
                + NOT_IN_EXTENSION.formatted("pg_opfamily", "f.oid") + " ORDER BY f.oid", rs -> {
            out.add(DdlStatement.required("operator family " + rs.getString(2), "CREATE OPERATOR FAMILY " + rs.getString(2)));
            CatalogObject.owner("OPERATOR FAMILY", rs.getString(2), rs.getString(3), roles, out);
            imported.add(new CatalogObject("pg_opfamily", rs.getLong(1)));
            oids.add(new long[]{rs.getLong(1)});
        }, c.createArrayOf("text", schemas.toArray()));
        return oids;
    }

    private static void classes(Connection c, Set<String> schemas, List<String> roles, List<DdlStatement> out,
                                List<CatalogObject> imported) throws SQLException {
        record OperatorClass(long oid, String name, String method, String owner, boolean isDefault, String type,
                             String storage, String family) {
        }
        List<OperatorClass> found = new ArrayList<>();
        queryAll(c, "SELECT o.oid, quote_ident(n.nspname) || '.' || quote_ident(o.opcname), quote_ident(a.amname),"
                + " pg_get_userbyid(o.opcowner), o.opcdefault, format_type(o.opcintype, NULL),"
                + " CASE WHEN o.opckeytype <> 0 THEN format_type(o.opckeytype, NULL) END, " + FAMILY_NAME.formatted("o.opcfamily")
                + " FROM pg_opclass o JOIN pg_am a ON a.oid = o.opcmethod JOIN pg_namespace n ON n.oid = o.opcnamespace"
                + " WHERE n.nspname = ANY(?)" + NOT_IN_EXTENSION.formatted("pg_opclass", "o.oid") + " ORDER BY o.oid",
                rs -> found.add(new OperatorClass(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getString(8))),
                c.createArrayOf("text", schemas.toArray()));
        for (OperatorClass o : found) {
            List<String> items = new ArrayList<>();
            if (o.storage != null) {
                items.add("STORAGE " + o.storage);
            }
            items.addAll(members(c, "pg_opclass", o.oid));
            String identity = o.name + " USING " + o.method;
            out.add(DdlStatement.required("operator class " + identity, "CREATE OPERATOR CLASS " + o.name
                    + (o.isDefault ? " DEFAULT" : "") + " FOR TYPE " + o.type + " USING " + o.method
                    + " FAMILY " + o.family + " AS " + String.join(", ", items)));
            CatalogObject.owner("OPERATOR CLASS", identity, o.owner, roles, out);
            imported.add(new CatalogObject("pg_opclass", o.oid));
        }
    }

    /** Operators and support functions of a family that no class of it holds: {@code ALTER OPERATOR FAMILY .. ADD}. */
    private static void looseMembers(Connection c, long family, List<DdlStatement> out) throws SQLException {
        List<String> members = members(c, "pg_opfamily", family);
        if (members.isEmpty()) {
            return;
        }
        queryAll(c, "SELECT " + FAMILY_NAME.formatted("f.oid") + " || ' USING ' || quote_ident(a.amname)"
                + " FROM pg_opfamily f JOIN pg_am a ON a.oid = f.opfmethod WHERE f.oid = ?", rs ->
                out.add(DdlStatement.required("members of operator family " + rs.getString(1),
                        "ALTER OPERATOR FAMILY " + rs.getString(1) + " ADD " + String.join(", ", members))), family);
    }

    /** The {@code OPERATOR} and {@code FUNCTION} items that depend on the class or family (its members). */
    private static List<String> members(Connection c, String owner, long oid) throws SQLException {
        List<String> items = new ArrayList<>();
        queryAll(c, "SELECT 'OPERATOR ' || ao.amopstrategy || ' ' || ao.amopopr::regoperator::text"
                + " || CASE WHEN ao.amoppurpose = 'o' THEN ' FOR ORDER BY ' || " + FAMILY_NAME.formatted("ao.amopsortfamily")
                + "    ELSE '' END FROM pg_amop ao JOIN pg_depend d ON d.classid = 'pg_amop'::regclass AND d.objid = ao.oid"
                + " WHERE d.refclassid = ?::regclass AND d.refobjid = ? ORDER BY ao.amopstrategy, ao.oid",
                rs -> items.add(rs.getString(1)), owner, oid);
        queryAll(c, "SELECT 'FUNCTION ' || ap.amprocnum || ' (' || format_type(ap.amproclefttype, NULL) || ', '"
                + " || format_type(ap.amprocrighttype, NULL) || ') ' || ap.amproc::regprocedure::text"
                + " FROM pg_amproc ap JOIN pg_depend d ON d.classid = 'pg_amproc'::regclass AND d.objid = ap.oid"
                + " WHERE d.refclassid = ?::regclass AND d.refobjid = ? ORDER BY ap.amprocnum, ap.oid",
                rs -> items.add(rs.getString(1)), owner, oid);
        return items;
    }

    private static void casts(Connection c, Set<String> schemas, List<Long> functions, List<DdlStatement> out,
                              List<CatalogObject> imported) throws SQLException {
        String ofSchemas = " IN (SELECT t.oid FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ANY(?))";
        queryAll(c, "SELECT c.oid, '(' || format_type(c.castsource, NULL) || ' AS ' || format_type(c.casttarget, NULL) || ')',"
                + " c.castmethod::text, c.castfunc::regprocedure::text, c.castcontext::text FROM pg_cast c"
                + " WHERE c.oid >= " + FIRST_NORMAL_OBJECT_ID + NOT_IN_EXTENSION.formatted("pg_cast", "c.oid")
                + " AND (c.castsource" + ofSchemas + " OR c.casttarget" + ofSchemas + " OR c.castfunc::bigint = ANY(?))"
                + " ORDER BY c.oid", rs -> {
            String how = switch (rs.getString(3)) {
                case "i" -> " WITH INOUT";
                case "b" -> " WITHOUT FUNCTION";
                default -> " WITH FUNCTION " + rs.getString(4);
            };
            String context = switch (rs.getString(5)) {
                case "a" -> " AS ASSIGNMENT";
                case "i" -> " AS IMPLICIT";
                default -> "";
            };
            out.add(DdlStatement.required("cast " + rs.getString(2), "CREATE CAST " + rs.getString(2) + how + context));
            imported.add(new CatalogObject("pg_cast", rs.getLong(1)));
        }, c.createArrayOf("text", schemas.toArray()), c.createArrayOf("text", schemas.toArray()),
                c.createArrayOf("bigint", functions.toArray()));
    }

    /** {@code CREATE AGGREGATE} with every option the catalog holds, as {@code pg_dump}'s {@code dumpAgg}. */
    private static void aggregates(Connection c, Set<String> schemas, List<Long> functions, List<DdlStatement> out)
            throws SQLException {
        String fn = "CASE WHEN a.%1$s <> 0 THEN a.%1$s::regproc::text END";
        queryAll(c, "SELECT a.aggfnoid::oid, quote_ident(n.nspname) || '.' || quote_ident(p.proname),"
                + " pg_get_function_arguments(a.aggfnoid), a.aggkind::text, p.proparallel::text, a.aggfnoid::regprocedure::text,"
                + " a.aggtransfn::regproc::text, format_type(a.aggtranstype, NULL), a.aggtransspace, "
                + fn.formatted("aggfinalfn") + ", a.aggfinalextra, a.aggfinalmodify::text, "
                + fn.formatted("aggcombinefn") + ", " + fn.formatted("aggserialfn") + ", " + fn.formatted("aggdeserialfn")
                + ", a.agginitval, " + fn.formatted("aggmtransfn") + ", " + fn.formatted("aggminvtransfn") + ","
                + " CASE WHEN a.aggmtranstype <> 0 THEN format_type(a.aggmtranstype, NULL) END, a.aggmtransspace, "
                + fn.formatted("aggmfinalfn") + ", a.aggmfinalextra, a.aggmfinalmodify::text, a.aggminitval, "
                + OPERATOR_NAME.formatted("a.aggsortop")
                + " FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE n.nspname = ANY(?)" + NOT_IN_EXTENSION.formatted("pg_proc", "p.oid") + " ORDER BY a.aggfnoid", rs -> {
            String arguments = rs.getString(3).isEmpty() ? "*" : rs.getString(3);
            StringBuilder sql = new StringBuilder("CREATE AGGREGATE ").append(rs.getString(2)).append(" (")
                    .append(arguments).append(") (SFUNC = ").append(rs.getString(7)).append(", STYPE = ").append(rs.getString(8));
            if (rs.getInt(9) != 0) {
                sql.append(", SSPACE = ").append(rs.getInt(9));
            }
            finalFunction(sql, "", rs, 10);
            option(sql, "COMBINEFUNC", rs.getString(13));
            option(sql, "SERIALFUNC", rs.getString(14));
            option(sql, "DESERIALFUNC", rs.getString(15));
            if (rs.getString(16) != null) {
                sql.append(", INITCOND = ").append(literal(rs.getString(16)));
            }
            if (rs.getString(17) != null) {
                sql.append(", MSFUNC = ").append(rs.getString(17)).append(", MINVFUNC = ").append(rs.getString(18))
                        .append(", MSTYPE = ").append(rs.getString(19));
                if (rs.getInt(20) != 0) {
                    sql.append(", MSSPACE = ").append(rs.getInt(20));
                }
                finalFunction(sql, "M", rs, 21);
                if (rs.getString(24) != null) {
                    sql.append(", MINITCOND = ").append(literal(rs.getString(24)));
                }
            }
            option(sql, "SORTOP", rs.getString(25));
            switch (rs.getString(5)) {
                case "s" -> sql.append(", PARALLEL = SAFE");
                case "r" -> sql.append(", PARALLEL = RESTRICTED");
                default -> {
                }
            }
            if ("h".equals(rs.getString(4))) {
                sql.append(", HYPOTHETICAL");
            }
            out.add(DdlStatement.required("aggregate " + rs.getString(6), sql.append(')').toString()));
            functions.add(rs.getLong(1));
        }, c.createArrayOf("text", schemas.toArray()));
    }

    /** [M]FINALFUNC, [M]FINALFUNC_EXTRA, [M]FINALFUNC_MODIFY from three columns starting at {@code from}. */
    private static void finalFunction(StringBuilder sql, String prefix, ResultSet rs, int from) throws SQLException {
        if (rs.getString(from) == null) {
            return;
        }
        sql.append(", ").append(prefix).append("FINALFUNC = ").append(rs.getString(from));
        if (rs.getBoolean(from + 1)) {
            sql.append(", ").append(prefix).append("FINALFUNC_EXTRA");
        }
        String modify = switch (rs.getString(from + 2)) {
            case "s" -> "SHAREABLE";
            case "w" -> "READ_WRITE";
            default -> "READ_ONLY";
        };
        sql.append(", ").append(prefix).append("FINALFUNC_MODIFY = ").append(modify);
    }

    private static void option(StringBuilder sql, String name, String value) {
        if (value != null) {
            sql.append(", ").append(name).append(" = ").append(value);
        }
    }
}
