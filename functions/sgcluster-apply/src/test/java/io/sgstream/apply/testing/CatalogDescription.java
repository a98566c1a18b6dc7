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
 * comments — and of user types and sequences, collations, text search dictionaries and configurations, operators,
 * operator families and classes, aggregates, casts, event triggers and default privileges, one sorted line each,
 * to compare a target with its source.
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
                    + " WHERE o.schema" + in + " OR (d.classoid = 'pg_namespace'::regclass AND o.identity" + in + ")"
                    + " OR (d.classoid IN ('pg_cast'::regclass, 'pg_event_trigger'::regclass) AND NOT EXISTS (SELECT 1"
                    + "   FROM pg_depend x WHERE x.classid = d.classoid AND x.objid = d.objoid AND x.deptype = 'e'))");
            objectsOutsideTables(s, out, in);
            collect(s, out, "SELECT 'sequence ' || schemaname || '.' || sequencename || ' ' || data_type || ' '"
                    + " || start_value || ' ' || min_value || ' ' || max_value || ' ' || increment_by || ' ' || cycle"
                    + " || ' ' || cache_size FROM pg_sequences WHERE schemaname" + in);
        }
        out.sort(null);
        return out;
    }

    /**
     * Collations, text search dictionaries and configurations (with their mappings), operators, operator families
     * and classes (with their members), aggregates (every option), owners of these, casts from or to a type of
     * the schemas or by a function of them, event triggers calling a function of them, default privileges (for
     * all schemas or for one of these). Casts and event triggers of extensions are left out: each side may have
     * other extensions.
     */
    private static void objectsOutsideTables(Statement s, List<String> out, String in) throws SQLException {
        String notOfExtension = " AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = '%s'::regclass"
                + " AND x.objid = %s AND x.deptype = 'e')";
        collect(s, out, "SELECT 'collation ' || n.nspname || '.' || c.collname || ' ' || c.collprovider::text"
                + " || ' deterministic=' || c.collisdeterministic || ' collate=' || coalesce(c.collcollate, '-')"
                + " || ' ctype=' || coalesce(c.collctype, '-') || ' locale=' || coalesce(c.colllocale, '-')"
                + " || ' rules=' || coalesce(c.collicurules, '-') || ' owner=' || pg_get_userbyid(c.collowner)"
                + " FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace WHERE n.nspname" + in);
        collect(s, out, "SELECT 'text search dictionary ' || n.nspname || '.' || d.dictname || ' template='"
                + " || tn.nspname || '.' || t.tmplname || ' ' || coalesce(d.dictinitoption, '-')"
                + " || ' owner=' || pg_get_userbyid(d.dictowner) FROM pg_ts_dict d"
                + " JOIN pg_namespace n ON n.oid = d.dictnamespace JOIN pg_ts_template t ON t.oid = d.dicttemplate"
                + " JOIN pg_namespace tn ON tn.oid = t.tmplnamespace WHERE n.nspname" + in);
        collect(s, out, "SELECT 'text search configuration ' || g.oid::regconfig::text || ' parser=' || p.prsname"
                + " || ' owner=' || pg_get_userbyid(g.cfgowner) || ' ' || coalesce((SELECT string_agg(t.alias || '='"
                + "   || m.mapdict::regdictionary::text, ',' ORDER BY m.maptokentype, m.mapseqno) FROM pg_ts_config_map m"
                + "   JOIN ts_token_type(g.cfgparser) t ON t.tokid = m.maptokentype WHERE m.mapcfg = g.oid), '-')"
                + " FROM pg_ts_config g JOIN pg_ts_parser p ON p.oid = g.cfgparser"
                + " JOIN pg_namespace n ON n.oid = g.cfgnamespace WHERE n.nspname" + in);
        collect(s, out, "SELECT 'operator ' || o.oid::regoperator::text || ' code=' || o.oprcode::regproc::text"
                + " || ' result=' || format_type(o.oprresult, NULL) || ' commutator=' || o.oprcom::regoperator::text"
                + " || ' negator=' || o.oprnegate::regoperator::text || ' restrict=' || o.oprrest::regproc::text"
                + " || ' join=' || o.oprjoin::regproc::text || ' merges=' || o.oprcanmerge || ' hashes=' || o.oprcanhash"
                + " || ' owner=' || pg_get_userbyid(o.oprowner)"
                + " FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE n.nspname" + in);
        String members = " || ' ' || coalesce((SELECT string_agg('op ' || ao.amopstrategy || ' ' || ao.amopopr::regoperator::text"
                + "   || ' ' || ao.amoppurpose::text || ' ' || coalesce((SELECT opfname FROM pg_opfamily WHERE oid = ao.amopsortfamily), '-'), ',' ORDER BY ao.amopstrategy)"
                + "   FROM pg_amop ao JOIN pg_depend d ON d.classid = 'pg_amop'::regclass AND d.objid = ao.oid"
                + "   WHERE d.refclassid = '%1$s'::regclass AND d.refobjid = %2$s), '-')"
                + " || ' ' || coalesce((SELECT string_agg('function ' || ap.amprocnum || ' ' || format_type(ap.amproclefttype, NULL)"
                + "   || ' ' || format_type(ap.amprocrighttype, NULL) || ' ' || ap.amproc::regprocedure::text, ',' ORDER BY ap.amprocnum)"
                + "   FROM pg_amproc ap JOIN pg_depend d ON d.classid = 'pg_amproc'::regclass AND d.objid = ap.oid"
                + "   WHERE d.refclassid = '%1$s'::regclass AND d.refobjid = %2$s), '-')";
        collect(s, out, "SELECT 'operator family ' || n.nspname || '.' || f.opfname || ' using ' || a.amname"
                + " || ' owner=' || pg_get_userbyid(f.opfowner)" + members.formatted("pg_opfamily", "f.oid")
                + " FROM pg_opfamily f JOIN pg_am a ON a.oid = f.opfmethod JOIN pg_namespace n ON n.oid = f.opfnamespace"
                + " WHERE n.nspname" + in);
        collect(s, out, "SELECT 'operator class ' || n.nspname || '.' || o.opcname || ' using ' || a.amname"
                + " || ' default=' || o.opcdefault || ' for ' || format_type(o.opcintype, NULL)"
                + " || ' storage=' || coalesce(format_type(nullif(o.opckeytype, 0), NULL), '-') || ' family=' || fn.nspname || '.' || f.opfname"
                + " || ' owner=' || pg_get_userbyid(o.opcowner)" + members.formatted("pg_opclass", "o.oid")
                + " FROM pg_opclass o JOIN pg_am a ON a.oid = o.opcmethod JOIN pg_namespace n ON n.oid = o.opcnamespace"
                + " JOIN pg_opfamily f ON f.oid = o.opcfamily JOIN pg_namespace fn ON fn.oid = f.opfnamespace"
                + " WHERE n.nspname" + in);
        collect(s, out, "SELECT 'aggregate ' || a.aggfnoid::regprocedure::text || ' kind=' || a.aggkind::text"
                + " || ' direct=' || a.aggnumdirectargs || ' sfunc=' || a.aggtransfn::regproc::text"
                + " || ' stype=' || format_type(a.aggtranstype, NULL) || ' sspace=' || a.aggtransspace"
                + " || ' final=' || a.aggfinalfn::regproc::text || ' ' || a.aggfinalextra || ' ' || a.aggfinalmodify::text"
                + " || ' combine=' || a.aggcombinefn::regproc::text || ' serial=' || a.aggserialfn::regproc::text"
                + " || ' deserial=' || a.aggdeserialfn::regproc::text || ' init=' || coalesce(a.agginitval, '-')"
                + " || ' msfunc=' || a.aggmtransfn::regproc::text || ' minv=' || a.aggminvtransfn::regproc::text"
                + " || ' mstype=' || coalesce(format_type(nullif(a.aggmtranstype, 0), NULL), '-') || ' mspace=' || a.aggmtransspace"
                + " || ' mfinal=' || a.aggmfinalfn::regproc::text || ' ' || a.aggmfinalextra || ' ' || a.aggmfinalmodify::text"
                + " || ' minit=' || coalesce(a.aggminitval, '-') || ' sortop=' || a.aggsortop::regoperator::text"
                + " || ' parallel=' || p.proparallel::text || ' owner=' || pg_get_userbyid(p.proowner)"
                + " FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE n.nspname" + in);
        String typeOfSchemas = " IN (SELECT t.oid FROM pg_type t JOIN pg_namespace tn ON tn.oid = t.typnamespace WHERE tn.nspname" + in + ")";
        collect(s, out, "SELECT 'cast (' || format_type(c.castsource, NULL) || ' AS ' || format_type(c.casttarget, NULL)"
                + " || ') ' || c.castfunc::regprocedure::text || ' context=' || c.castcontext::text || ' method=' || c.castmethod::text"
                + " FROM pg_cast c WHERE c.oid >= 16384" + notOfExtension.formatted("pg_cast", "c.oid")
                + " AND (c.castsource" + typeOfSchemas + " OR c.casttarget" + typeOfSchemas + " OR c.castfunc IN"
                + "   (SELECT p.oid FROM pg_proc p JOIN pg_namespace pn ON pn.oid = p.pronamespace WHERE pn.nspname" + in + "))");
        collect(s, out, "SELECT 'event trigger ' || e.evtname || ' on ' || e.evtevent || ' tags=' || coalesce(e.evttags::text, '-')"
                + " || ' function=' || e.evtfoid::regprocedure::text || ' enabled=' || e.evtenabled::text"
                + " || ' owner=' || pg_get_userbyid(e.evtowner) FROM pg_event_trigger e"
                + " JOIN pg_proc p ON p.oid = e.evtfoid JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname" + in
                + notOfExtension.formatted("pg_event_trigger", "e.oid"));
        collect(s, out, "SELECT 'default privileges of ' || pg_get_userbyid(d.defaclrole) || ' in ' || coalesce(n.nspname, '-')"
                + " || ' on ' || d.defaclobjtype::text || ' ' || d.defaclacl::text"
                + " FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace"
                + " WHERE d.defaclnamespace = 0 OR n.nspname" + in);
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
