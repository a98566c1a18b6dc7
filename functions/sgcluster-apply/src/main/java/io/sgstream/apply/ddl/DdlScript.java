package io.sgstream.apply.ddl;

import java.util.List;

/**
 * The source's schema as statements for the target, in an order that satisfies dependencies: roles, schemas,
 * types, sequences, tables, keys and unique/exclusion/check constraints, indexes, foreign keys, sequence
 * ownership, owners and grants. Types depending on types created later are retried by {@link DdlImporter}.
 */
public record DdlScript(List<DdlStatement> statements) {

    public DdlScript {
        statements = List.copyOf(statements);
    }

    public int size() {
        return statements.size();
    }
}
