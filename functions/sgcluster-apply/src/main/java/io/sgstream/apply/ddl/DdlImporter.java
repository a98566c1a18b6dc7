package io.sgstream.apply.ddl;

import io.sgstream.apply.ApplyException;
import io.sgstream.apply.db.SqlFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link DdlScript} on the target inside the caller's transaction, each statement under a savepoint:
 * <ul>
 * <li>an object that already exists (created by hand, or by an earlier partial attempt outside this
 *     transaction) is skipped, so the import can be repeated;</li>
 * <li>a statement that needs an object created later in the script (a domain over a composite type declared
 *     after it, a function whose SQL body reads a table) is tried again after the others, until nothing more
 *     succeeds; then a required one aborts the import, an optional one is left out;</li>
 * <li>an optional statement (owner, grant, membership) the target refuses is left out with a warning;</li>
 * <li>anything else aborts the import with the statement and the target's message.</li>
 * </ul>
 * PostgreSQL DDL is transactional (CREATE ROLE included), so the caller commits the whole import together with
 * its "imported" record, or nothing of it.
 */
public final class DdlImporter {

    private static final Logger LOG = LoggerFactory.getLogger(DdlImporter.class);

    /** duplicate_table (relations, indexes), duplicate_object (roles, types, constraints), duplicate_schema, multiple primary keys. */
    private static final Set<String> EXISTS = Set.of("42P07", "42710", "42P06", "42P16", "42723");
    /** undefined_object, undefined_table, undefined_function, undefined_schema (created by a later statement). */
    private static final Set<String> MISSING = Set.of("42704", "42P01", "42883", "3F000");

    public record Outcome(int created, int existing, int leftOut) {
    }

    public Outcome run(Connection target, DdlScript script) throws SQLException {
        List<DdlStatement> todo = new ArrayList<>(script.statements());
        int created = 0;
        int existing = 0;
        int leftOut = 0;
        while (!todo.isEmpty()) {
            List<DdlStatement> retry = new ArrayList<>();
            Map<DdlStatement, SQLException> missing = new IdentityHashMap<>();
            for (DdlStatement statement : todo) {
                SQLException failure = execute(target, statement);
                if (failure == null) {
                    created++;
                } else if (EXISTS.contains(failure.getSQLState())) {
                    existing++;
                    LOG.debug("{} exists on the target: kept as is", statement.object());
                } else if (MISSING.contains(failure.getSQLState())) {
                    retry.add(statement);
                    missing.put(statement, failure);
                } else if (statement.optional() && !SqlFailures.isTransient(failure)) {
                    leftOut++;
                    LOG.warn("DDL import: {} left out: {}", statement.object(), failure.getMessage());
                } else if (SqlFailures.isTransient(failure)) {
                    throw failure;
                } else {
                    throw new ApplyException("DDL import failed at " + statement.object() + ": "
                            + failure.getMessage() + " [" + statement.sql() + "]", failure);
                }
            }
            if (retry.size() == todo.size()) {
                DdlStatement first = retry.stream().filter(st -> !st.optional()).findFirst().orElse(null);
                if (first != null) {
                    SQLException cause = missing.get(first);
                    throw new ApplyException("DDL import failed at " + first.object() + ": " + cause.getMessage()
                            + " [" + first.sql() + "]", cause);
                }
                for (DdlStatement statement : retry) { // owners, grants, comments of what is not there: as refused
                    leftOut++;
                    LOG.warn("DDL import: {} left out: {}", statement.object(), missing.get(statement).getMessage());
                }
                break;
            }
            todo = retry;
        }
        return new Outcome(created, existing, leftOut);
    }

    /** Null when it ran; the failure (rolled back to the savepoint) otherwise. */
    private static SQLException execute(Connection c, DdlStatement statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SAVEPOINT ddl_import");
            try {
                s.execute(statement.sql());
                s.execute("RELEASE SAVEPOINT ddl_import");
                return null;
            } catch (SQLException e) {
                s.execute("ROLLBACK TO SAVEPOINT ddl_import");
                return e;
            }
        }
    }
}
