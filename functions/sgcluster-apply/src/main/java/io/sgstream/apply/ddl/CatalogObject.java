package io.sgstream.apply.ddl;

import io.sgstream.apply.sql.Sql;

import java.util.List;

/**
 * An imported object that has no place among tables and functions (a collation, an operator, a text search
 * configuration, a cast, an event trigger), by its catalog and oid: what its comment and the extensions it needs
 * are looked up by.
 *
 * @param catalog the system catalog holding it, {@code pg_collation}
 */
record CatalogObject(String catalog, long oid) {

    /**
     * {@code ALTER <kind> <identity> OWNER TO <owner>} when the owner is an imported role (as for tables): an
     * optional statement, left out with a warning when the target refuses it.
     */
    static void owner(String kind, String identity, String owner, List<String> roles, List<DdlStatement> out) {
        if (roles.contains(owner)) {
            out.add(DdlStatement.optional("owner of " + kind.toLowerCase() + " " + identity,
                    "ALTER " + kind + " " + identity + " OWNER TO " + Sql.ident(owner)));
        }
    }
}
