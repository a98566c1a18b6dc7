package io.sgstream.apply.ddl;

import java.util.List;

/**
 * The source's schema as statements for the target, in an order that satisfies dependencies: roles, schemas,
 * extensions, collations, text search dictionaries and configurations, types, functions, operators, operator
 * families and classes, casts, aggregates, sequences, tables (parents before partitions), keys and
 * unique/exclusion/check constraints, indexes, attachments of partitions' indexes, foreign keys, sequence
 * ownership, views (each after those it reads), triggers, row-level security, owners and grants, event triggers,
 * comments, default privileges. What depends on something created
 * later (a domain over a later type, a function whose SQL body reads a table) is retried by {@link DdlImporter}.
 */
public record DdlScript(List<DdlStatement> statements) {

    public DdlScript {
        statements = List.copyOf(statements);
    }

    public int size() {
        return statements.size();
    }
}
