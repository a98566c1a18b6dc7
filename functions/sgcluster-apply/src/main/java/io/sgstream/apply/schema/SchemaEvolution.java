package io.sgstream.apply.schema;

import io.sgstream.apply.sql.Sql;
import io.sgstream.apply.state.StreamLocks;
import io.sgstream.event.Column;
import io.sgstream.event.KeyIdentity;
import io.sgstream.event.RowChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * Makes sure the target can take a change, by the shape the event carries (its table and typed column list):
 * <ul>
 * <li>a missing table is created from the event's columns and key, a missing column is added ({@code basic}
 *     evolution, as StackGres does with {@code skipDdlImport}); DDL runs under the DDL lock. A table whose events
 *     say {@code identity: full} (no primary key on the source, REPLICA IDENTITY FULL) is created without primary
 *     key, as the source has none: identical rows stay separate rows;</li>
 * <li>a column whose type differs from the event's, a column the target requires (NOT NULL, no default) that
 *     the events no longer carry (dropped on the source), or a different primary key are schema drift: the
 *     stream stops with an error naming table and column, and its events stay staged.</li>
 * </ul>
 * A shape that passed is remembered, so the catalog is read once per table shape, not per event. The caller owns
 * the transaction: DDL commits or rolls back with it, so a shape that needed DDL is only remembered in the
 * caller's transaction-local map (other threads must not rely on a table that may yet be rolled back).
 */
public final class SchemaEvolution {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaEvolution.class);

    private final SchemaEvolutionMode mode;
    private final TargetCatalog catalog = new TargetCatalog();
    private final TypeResolver types = new TypeResolver();
    private final Map<Object, TargetTable> validatedShapes = new ConcurrentHashMap<>();
    private final BiPredicate<String, String> keyDeferred;

    public SchemaEvolution(SchemaEvolutionMode mode) {
        this(mode, (schema, table) -> false);
    }

    /** @param keyDeferred tables whose primary key is dropped for the snapshot: a missing key there is expected */
    public SchemaEvolution(SchemaEvolutionMode mode, BiPredicate<String, String> keyDeferred) {
        this.mode = mode;
        this.keyDeferred = keyDeferred;
    }

    /**
     * The target table, ready for this change's columns.
     *
     * @param transactionShapes shapes validated in the caller's current transaction (one map per transaction)
     */
    public TargetTable ensure(Connection c, RowChange change, Map<Object, TargetTable> transactionShapes)
            throws SQLException {
        Shape shape = shapeOf(change);
        TargetTable known = validatedShapes.get(shape);
        if (known == null) {
            known = transactionShapes.get(shape);
        }
        if (known != null) {
            return known;
        }
        boolean ddl = false;
        TargetTable table = catalog.load(c, change.schema(), change.table());
        if (table == null) {
            requireEvolution("table " + change.qualifiedTable() + " does not exist on the target");
            StreamLocks.lockDdl(c);
            table = catalog.load(c, change.schema(), change.table());
            if (table == null) {
                createTable(c, change);
                ddl = true;
                table = catalog.load(c, change.schema(), change.table());
            }
        }
        if (!missingColumns(table, change).isEmpty()) {
            requireEvolution("column " + change.qualifiedTable() + "." + missingColumns(table, change).get(0).name()
                    + " does not exist on the target");
            StreamLocks.lockDdl(c);
            table = catalog.load(c, change.schema(), change.table());
            for (Column column : missingColumns(table, change)) {
                addColumn(c, change, column);
                ddl = true;
            }
            table = catalog.load(c, change.schema(), change.table());
        }
        checkTypes(c, table, change);
        checkRequiredColumns(table, change);
        if (!(table.primaryKey().isEmpty() && keyDeferred.test(table.schema(), table.name()))) {
            checkKey(table, change);
        }
        (ddl ? transactionShapes : validatedShapes).put(shape, table);
        return table;
    }

    /** Drops what was learnt (when the target may have been changed by someone else, e.g. to fix a drift). */
    public void forget() {
        validatedShapes.clear();
        types.clear();
    }

    private void requireEvolution(String problem) {
        if (mode == SchemaEvolutionMode.NONE) {
            throw new SchemaDriftException(problem + " and schema evolution is 'none': create it on the target "
                    + "(or enable basic schema evolution), then resume the stream");
        }
    }

    /** A table and the typed, keyed column list events carry for it, and what their key is. */
    private record Shape(String schema, String table, List<Column> columns, KeyIdentity identity) {
    }

    private static Shape shapeOf(RowChange change) {
        return new Shape(change.schema(), change.table(), change.columns(), change.identity());
    }

    private static List<Column> missingColumns(TargetTable table, RowChange change) {
        List<Column> missing = new ArrayList<>();
        for (Column col : change.columns()) {
            if (table.column(col.name()) == null) {
                missing.add(col);
            }
        }
        return missing;
    }

    private void createTable(Connection c, RowChange change) throws SQLException {
        List<String> definitions = new ArrayList<>();
        for (Column col : change.columns()) {
            definitions.add(Sql.ident(col.name()) + " " + typeFor(c, change, col).sqlName());
        }
        List<String> key = change.columns().stream().filter(Column::key).map(Column::name).toList();
        // a FULL identity's key columns are the whole row, which identical rows share: a primary key over them
        // would merge the source's duplicates into one row
        if (!key.isEmpty() && change.identity() != KeyIdentity.FULL) {
            definitions.add("PRIMARY KEY (" + Sql.idents(key) + ")");
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.ident(change.schema()));
            s.execute("CREATE TABLE IF NOT EXISTS " + Sql.table(change.schema(), change.table()) + " ("
                    + String.join(", ", definitions) + ")");
        }
        LOG.debug("created table {} on the target from the events' columns", change.qualifiedTable());
    }

    private void addColumn(Connection c, RowChange change, Column col) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + Sql.table(change.schema(), change.table()) + " ADD COLUMN IF NOT EXISTS "
                    + Sql.ident(col.name()) + " " + typeFor(c, change, col).sqlName());
        }
        LOG.debug("added column {}.{} {} on the target", change.qualifiedTable(), col.name(), col.type());
    }

    private TypeResolver.ResolvedType typeFor(Connection c, RowChange change, Column col) throws SQLException {
        TypeResolver.ResolvedType type = types.resolve(c, col.type());
        if (type == null) {
            throw new SchemaDriftException("column " + change.qualifiedTable() + "." + col.name() + ": type '"
                    + col.type() + "' does not exist on the target (create it there, e.g. by importing the source's "
                    + "DDL, then resume the stream)");
        }
        return type;
    }

    private void checkTypes(Connection c, TargetTable table, RowChange change) throws SQLException {
        for (Column col : change.columns()) {
            TargetColumn target = table.column(col.name());
            TypeResolver.ResolvedType type = typeFor(c, change, col);
            boolean same = type.oid() == target.typeOid()
                    && (type.typmod() == null || type.typmod() == target.typmod());
            if (!same) {
                throw new SchemaDriftException("column " + change.qualifiedTable() + "." + col.name()
                        + " changed type: the source sends '" + col.type() + "' but the target column is '"
                        + target.type() + "'; alter the target column to match, then resume the stream");
            }
        }
    }

    private static void checkRequiredColumns(TargetTable table, RowChange change) {
        Set<String> carried = change.columns().stream().map(Column::name).collect(Collectors.toSet());
        for (TargetColumn target : table.columns()) {
            if (!carried.contains(target.name()) && target.requiresValue()) {
                throw new SchemaDriftException("column " + change.qualifiedTable() + "." + target.name()
                        + " is NOT NULL without a default on the target but the source no longer sends it (dropped "
                        + "on the source?); drop it or give it a default on the target, then resume the stream");
            }
        }
    }

    private static void checkKey(TargetTable table, RowChange change) {
        Set<String> sourceKey = new HashSet<>();
        change.columns().stream().filter(Column::key).forEach(col -> sourceKey.add(col.name()));
        if (sourceKey.isEmpty()) {
            return;
        }
        if (new HashSet<>(table.primaryKey()).equals(sourceKey)) {
            if (change.identity() == KeyIdentity.FULL) {
                // e.g. created by a version that could not tell this table from one keyed on all its columns: the
                // rows fit, but the source's identical rows can only be kept once the key is gone
                LOG.warn("table {} has no primary key on the source (REPLICA IDENTITY FULL) but the target has one "
                        + "over all its columns: identical source rows are written as one row; drop the target's "
                        + "primary key to keep them", change.qualifiedTable());
            }
            return;
        }
        // every column is the key (a keyless source table with REPLICA IDENTITY FULL, as a DDL import copies it, or
        // as identity=full creates it): rows are matched by their whole before-image, which is that key
        if (table.primaryKey().isEmpty() && sourceKey.size() == change.columns().size()) {
            return;
        }
        throw new SchemaDriftException("table " + change.qualifiedTable() + ": the source key is (" + String.join(", ", sourceKey)
                + ") but the target's primary key is (" + String.join(", ", table.primaryKey())
                + "); make the target's primary key match, then resume the stream");
    }
}
