package io.sgstream.apply.ddl;

import io.sgstream.apply.sql.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import static io.sgstream.apply.ddl.SourceSchemaReader.queryAll;

/**
 * What belongs to the database rather than to a schema, last in the script so that none of it acts on the
 * import itself:
 * <ul>
 * <li>default privileges ({@code ALTER DEFAULT PRIVILEGES}) of any role, for all schemas or for an imported one,
 *     granted to an imported role, to {@code PUBLIC} or to the role itself. Created earlier, they would add
 *     grants to what the import creates that the source's objects do not have;</li>
 * <li>event triggers whose function is imported, in the source's state (enabled, disabled, {@code REPLICA},
 *     {@code ALWAYS}): after the migration the target must react to DDL as the source did. The apply and the
 *     preparation's own DDL (indexes dropped for the snapshot and restored) run with {@code
 *     session_replication_role = replica} when the target user may set it, so an ordinary event trigger does
 *     not fire for them; one {@code ENABLE ALWAYS} does, as it would on the source.</li>
 * </ul>
 * Both are optional statements: a role missing on the target, or a target user that is not a superuser (event
 * triggers need one), leaves them out with a warning, as {@code pg_restore} reports and goes on.
 */
final class DatabaseWideObjects {

    private DatabaseWideObjects() {
    }

    /**
     * As {@code pg_dump}: an entry for all schemas is written as its difference from the built-in defaults
     * ({@code acldefault}), revokes first; an entry for one schema adds to those, so all of it is granted.
     */
    static void defaultPrivileges(Connection c, Set<String> schemas, List<String> roles, List<DdlStatement> out)
            throws SQLException {
        String baseline = "aclexplode(CASE WHEN d.defaclnamespace = 0 THEN acldefault(CASE WHEN d.defaclobjtype = 'S'"
                + " THEN 's'::\"char\" ELSE d.defaclobjtype END, d.defaclrole) END)";
        queryAll(c, "SELECT pg_get_userbyid(d.defaclrole), n.nspname, d.defaclobjtype::text, x.revoke, x.grantee,"
                + " pg_get_userbyid(x.grantee), x.privilege_type, x.is_grantable, x.grantee = d.defaclrole"
                + " FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace CROSS JOIN LATERAL ("
                + "   (SELECT false AS revoke, g.grantee, g.privilege_type, g.is_grantable FROM aclexplode(d.defaclacl) g"
                + "    EXCEPT SELECT false, b.grantee, b.privilege_type, b.is_grantable FROM " + baseline + " b)"
                + "   UNION ALL SELECT true, b.grantee, b.privilege_type, b.is_grantable FROM " + baseline + " b"
                + "   WHERE NOT EXISTS (SELECT 1 FROM aclexplode(d.defaclacl) g WHERE g.grantee = b.grantee"
                + "     AND g.privilege_type = b.privilege_type)) x"
                + " WHERE d.defaclnamespace = 0 OR n.nspname = ANY(?)"
                + " ORDER BY 1, 2 NULLS FIRST, 3, 4 DESC, 6, 7", rs -> {
            boolean isPublic = rs.getLong(5) == 0;
            String grantee = isPublic ? "PUBLIC" : Sql.ident(rs.getString(6));
            if (!isPublic && !rs.getBoolean(9) && !roles.contains(rs.getString(6))) {
                return;
            }
            String objects = switch (rs.getString(3)) {
                case "r" -> "TABLES";
                case "S" -> "SEQUENCES";
                case "f" -> "FUNCTIONS";
                case "T" -> "TYPES";
                case "n" -> "SCHEMAS";
                case "L" -> "LARGE OBJECTS";
                default -> throw new IllegalStateException("default privileges for object type " + rs.getString(3));
            };
            String scope = "ALTER DEFAULT PRIVILEGES FOR ROLE " + Sql.ident(rs.getString(1))
                    + (rs.getString(2) != null ? " IN SCHEMA " + Sql.ident(rs.getString(2)) : "");
            String sql = rs.getBoolean(4)
                    ? scope + " REVOKE " + rs.getString(7) + " ON " + objects + " FROM " + grantee
                    : scope + " GRANT " + rs.getString(7) + " ON " + objects + " TO " + grantee
                    + (rs.getBoolean(8) ? " WITH GRANT OPTION" : "");
            out.add(DdlStatement.optional("default privilege " + (rs.getBoolean(4) ? "revoked: " : "") + rs.getString(7)
                    + " on " + objects.toLowerCase() + " of " + rs.getString(1)
                    + (rs.getString(2) != null ? " in schema " + rs.getString(2) : "") + " for " + grantee, sql));
        }, c.createArrayOf("text", schemas.toArray()));
    }

    /** {@code CREATE EVENT TRIGGER} as {@code pg_dump} writes it, then its state when not the ordinary one. */
    static void eventTriggers(Connection c, List<Long> functions, List<String> roles, List<DdlStatement> out,
                              List<CatalogObject> imported) throws SQLException {
        queryAll(c, "SELECT e.oid, quote_ident(e.evtname), e.evtevent, pg_get_userbyid(e.evtowner),"
                + " quote_ident(fn.nspname) || '.' || quote_ident(f.proname),"
                + " array_to_string(array(SELECT quote_literal(t) FROM unnest(e.evttags) t), ', '), e.evtenabled::text"
                + " FROM pg_event_trigger e JOIN pg_proc f ON f.oid = e.evtfoid JOIN pg_namespace fn ON fn.oid = f.pronamespace"
                + " WHERE e.evtfoid::bigint = ANY(?) AND NOT EXISTS (SELECT 1 FROM pg_depend x"
                + "   WHERE x.classid = 'pg_event_trigger'::regclass AND x.objid = e.oid AND x.deptype = 'e')"
                + " ORDER BY e.evtname", rs -> {
            String name = rs.getString(2);
            String tags = rs.getString(6);
            out.add(DdlStatement.optional("event trigger " + name, "CREATE EVENT TRIGGER " + name + " ON "
                    + Sql.ident(rs.getString(3)) + (tags == null || tags.isEmpty() ? "" : " WHEN TAG IN (" + tags + ")")
                    + " EXECUTE FUNCTION " + rs.getString(5) + "()"));
            String state = DependentObjects.enabledState(rs.getString(7));
            if (state != null) {
                out.add(DdlStatement.optional("state of event trigger " + name, "ALTER EVENT TRIGGER " + name + " " + state));
            }
            CatalogObject.owner("EVENT TRIGGER", name, rs.getString(4), roles, out);
            imported.add(new CatalogObject("pg_event_trigger", rs.getLong(1)));
        }, c.createArrayOf("bigint", functions.toArray()));
    }
}
