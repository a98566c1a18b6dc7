package io.sgstream.apply.ddl;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.sgstream.apply.ddl.SourceSchemaReader.literal;
import static io.sgstream.apply.ddl.SourceSchemaReader.queryAll;

/**
 * Collations, text search dictionaries and text search configurations of the imported schemas (not those of
 * extensions), written as {@code pg_dump} writes them. They come before types and tables: a column, a domain or
 * an index may use a collation, and a generated {@code tsvector} column or an expression index may name a
 * configuration. Text search parsers and templates are not imported: they are C functions, which only a
 * superuser creates and which extensions bring.
 */
final class CollationsAndTextSearch {

    private static final String NOT_IN_EXTENSION = " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '%s'::regclass"
            + " AND e.objid = %s AND e.deptype = 'e')";

    private CollationsAndTextSearch() {
    }

    static void read(Connection c, Set<String> schemas, List<String> roles, List<DdlStatement> out,
                     List<CatalogObject> imported) throws SQLException {
        collations(c, schemas, roles, out, imported);
        dictionaries(c, schemas, roles, out, imported);
        configurations(c, schemas, roles, out, imported);
    }

    /**
     * {@code CREATE COLLATION} with the provider, locale(s), determinism and ICU rules. The locale columns moved
     * between versions (ICU's was {@code collcollate} before 15, {@code colliculocale} in 15 and 16,
     * {@code colllocale} since 17): read as JSON, so any source version answers.
     */
    private static void collations(Connection c, Set<String> schemas, List<String> roles, List<DdlStatement> out,
                                   List<CatalogObject> imported) throws SQLException {
        queryAll(c, "SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.collname), pg_get_userbyid(c.collowner),"
                + " c.collprovider::text, coalesce((to_jsonb(c) ->> 'collisdeterministic')::boolean, true),"
                + " c.collcollate, c.collctype, coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale',"
                + " c.collcollate), to_jsonb(c) ->> 'collicurules'"
                + " FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace WHERE n.nspname = ANY(?)"
                + NOT_IN_EXTENSION.formatted("pg_collation", "c.oid") + " ORDER BY c.oid", rs -> {
            String name = rs.getString(2);
            StringBuilder sql = new StringBuilder("CREATE COLLATION ").append(name).append(" (provider = ");
            switch (rs.getString(4)) {
                case "i" -> sql.append("icu, locale = ").append(literal(rs.getString(8)));
                case "b" -> sql.append("builtin, locale = ").append(literal(rs.getString(8)));
                default -> {
                    sql.append("libc");
                    if (rs.getString(6).equals(rs.getString(7))) {
                        sql.append(", locale = ").append(literal(rs.getString(6)));
                    } else {
                        sql.append(", lc_collate = ").append(literal(rs.getString(6)))
                                .append(", lc_ctype = ").append(literal(rs.getString(7)));
                    }
                }
            }
            if (!rs.getBoolean(5)) {
                sql.append(", deterministic = false");
            }
            if (rs.getString(9) != null) {
                sql.append(", rules = ").append(literal(rs.getString(9)));
            }
            out.add(DdlStatement.required("collation " + name, sql.append(')').toString()));
            CatalogObject.owner("COLLATION", name, rs.getString(3), roles, out);
            imported.add(new CatalogObject("pg_collation", rs.getLong(1)));
        }, c.createArrayOf("text", schemas.toArray()));
    }

    private static void dictionaries(Connection c, Set<String> schemas, List<String> roles, List<DdlStatement> out,
                                     List<CatalogObject> imported) throws SQLException {
        queryAll(c, "SELECT d.oid, quote_ident(n.nspname) || '.' || quote_ident(d.dictname), pg_get_userbyid(d.dictowner),"
                + " quote_ident(tn.nspname) || '.' || quote_ident(t.tmplname), d.dictinitoption"
                + " FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace"
                + " JOIN pg_ts_template t ON t.oid = d.dicttemplate JOIN pg_namespace tn ON tn.oid = t.tmplnamespace"
                + " WHERE n.nspname = ANY(?)" + NOT_IN_EXTENSION.formatted("pg_ts_dict", "d.oid") + " ORDER BY d.oid", rs -> {
            String name = rs.getString(2);
            out.add(DdlStatement.required("text search dictionary " + name, "CREATE TEXT SEARCH DICTIONARY " + name
                    + " (TEMPLATE = " + rs.getString(4) + (rs.getString(5) != null ? ", " + rs.getString(5) : "") + ")"));
            CatalogObject.owner("TEXT SEARCH DICTIONARY", name, rs.getString(3), roles, out);
            imported.add(new CatalogObject("pg_ts_dict", rs.getLong(1)));
        }, c.createArrayOf("text", schemas.toArray()));
    }

    /**
     * {@code CREATE TEXT SEARCH CONFIGURATION (PARSER = ..)}, which maps no token, then its mappings, tokens that
     * use the same dictionaries in one {@code ADD MAPPING}. One statement, so that a configuration the target
     * already has is kept as it is rather than given its mappings twice.
     */
    private static void configurations(Connection c, Set<String> schemas, List<String> roles, List<DdlStatement> out,
                                       List<CatalogObject> imported) throws SQLException {
        record Configuration(long oid, String name, String owner, String parser) {
        }
        List<Configuration> found = new ArrayList<>();
        queryAll(c, "SELECT g.oid, quote_ident(n.nspname) || '.' || quote_ident(g.cfgname), pg_get_userbyid(g.cfgowner),"
                + " quote_ident(pn.nspname) || '.' || quote_ident(p.prsname)"
                + " FROM pg_ts_config g JOIN pg_namespace n ON n.oid = g.cfgnamespace"
                + " JOIN pg_ts_parser p ON p.oid = g.cfgparser JOIN pg_namespace pn ON pn.oid = p.prsnamespace"
                + " WHERE n.nspname = ANY(?)" + NOT_IN_EXTENSION.formatted("pg_ts_config", "g.oid") + " ORDER BY g.oid",
                rs -> found.add(new Configuration(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))),
                c.createArrayOf("text", schemas.toArray()));
        for (Configuration g : found) {
            StringBuilder sql = new StringBuilder("CREATE TEXT SEARCH CONFIGURATION ").append(g.name)
                    .append(" (PARSER = ").append(g.parser).append(')');
            Map<String, List<String>> tokensByDictionaries = new LinkedHashMap<>();
            queryAll(c, "SELECT t.alias, string_agg(m.mapdict::regdictionary::text, ', ' ORDER BY m.mapseqno)"
                    + " FROM pg_ts_config_map m JOIN pg_ts_config g ON g.oid = m.mapcfg"
                    + " JOIN LATERAL ts_token_type(g.cfgparser) t ON t.tokid = m.maptokentype"
                    + " WHERE m.mapcfg = ? GROUP BY m.maptokentype, t.alias ORDER BY m.maptokentype", rs ->
                    tokensByDictionaries.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getString(1)), g.oid);
            tokensByDictionaries.forEach((dictionaries, tokens) -> sql.append("; ALTER TEXT SEARCH CONFIGURATION ")
                    .append(g.name).append(" ADD MAPPING FOR ").append(String.join(", ", tokens)).append(" WITH ").append(dictionaries));
            out.add(DdlStatement.required("text search configuration " + g.name, sql.toString()));
            CatalogObject.owner("TEXT SEARCH CONFIGURATION", g.name, g.owner, roles, out);
            imported.add(new CatalogObject("pg_ts_config", g.oid));
        }
    }
}
