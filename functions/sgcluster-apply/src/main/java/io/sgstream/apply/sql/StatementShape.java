package io.sgstream.apply.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * One statement form for one table: which kind, which columns carry values, which identify the row. Changes with
 * the same shape that follow each other are written by one statement; the SQL text depends only on the shape,
 * not on the number of rows (arrays bound through {@code unnest}), so the server-side prepared statement the
 * driver keeps per connection is reused for every batch of that shape.
 *
 * <p>Every value is bound as text and cast with the target column's type ({@code CAST(v AS numeric(10,2))}):
 * the contract carries PostgreSQL's text form of each value, so the cast restores it exactly.
 *
 * @param values      columns written (insert list, or SET list)
 * @param match       columns that identify the row: the primary key, or for a table without one every column of
 *                    the full before-image
 * @param conflictKey for an upsert, the primary key; its other value columns are updated on conflict
 * @param overriding  insert into a GENERATED ALWAYS identity column with the source's values
 */
public record StatementShape(WriteKind kind, String schema, String table, List<TypedColumn> values,
                             List<TypedColumn> match, List<String> conflictKey, boolean overriding) {

    /** A column name with the target type used to cast values for it. */
    public record TypedColumn(String name, String type, boolean identityAlways) {
    }

    public String sql() {
        return sql(false);
    }

    /**
     * The text for {@code PREPARE name(text[], ...) AS ...}: parameters numbered {@code $1..$n} instead of JDBC's
     * {@code ?}. Only for {@link #arrayBound()} shapes, whose parameters are all {@code text[]}.
     */
    public String preparableSql() {
        if (!arrayBound()) {
            throw new IllegalStateException(kind + " statements are executed row by row, not prepared by name");
        }
        return sql(true);
    }

    /** Number of parameters of an {@link #arrayBound()} shape: one array per match and per value column. */
    public int arrayParameters() {
        return match.size() + values.size();
    }

    private String sql(boolean numbered) {
        String target = Sql.table(schema, table);
        return switch (kind) {
            case UPSERT, INSERT -> insert(target, numbered);
            case UPDATE -> "UPDATE " + target + " AS _t SET " + assignments("_v.v") + " FROM " + unnest(numbered)
                    + " WHERE " + keyMatch();
            case DELETE -> "DELETE FROM " + target + " AS _t USING " + unnest(numbered) + " WHERE " + keyMatch();
            case KEYLESS_UPDATE -> "UPDATE " + target + " SET " + assignments(null)
                    + " WHERE (tableoid, ctid) = (" + firstMatching(target) + ")";
            case KEYLESS_DELETE -> "DELETE FROM " + target + " WHERE (tableoid, ctid) = (" + firstMatching(target) + ")";
            case TRUNCATE -> throw new IllegalStateException("truncate statements name several tables");
        };
    }

    private String insert(String target, boolean numbered) {
        List<String> casts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            casts.add("CAST(_v.v" + i + " AS " + values.get(i).type() + ")");
        }
        StringBuilder sb = new StringBuilder("INSERT INTO ").append(target).append(" (")
                .append(Sql.idents(values.stream().map(TypedColumn::name).toList())).append(")")
                .append(overriding ? " OVERRIDING SYSTEM VALUE" : "")
                .append(" SELECT ").append(String.join(", ", casts)).append(" FROM ").append(unnest(numbered));
        if (kind == WriteKind.UPSERT) {
            List<String> updates = new ArrayList<>();
            for (TypedColumn c : values) {
                if (!conflictKey.contains(c.name()) && !c.identityAlways()) {
                    updates.add(Sql.ident(c.name()) + " = EXCLUDED." + Sql.ident(c.name()));
                }
            }
            sb.append(" ON CONFLICT (").append(Sql.idents(conflictKey)).append(")")
                    .append(updates.isEmpty() ? " DO NOTHING" : " DO UPDATE SET " + String.join(", ", updates));
        }
        return sb.toString();
    }

    /** {@code unnest(?::text[], ...) AS _v(k0.., v0..)}: match columns first, then value columns. */
    private String unnest(boolean numbered) {
        List<String> arrays = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < match.size(); i++) {
            arrays.add((numbered ? "$" + (arrays.size() + 1) : "?") + "::text[]");
            aliases.add("k" + i);
        }
        for (int i = 0; i < values.size(); i++) {
            arrays.add((numbered ? "$" + (arrays.size() + 1) : "?") + "::text[]");
            aliases.add("v" + i);
        }
        return "unnest(" + String.join(", ", arrays) + ") AS _v(" + String.join(", ", aliases) + ")";
    }

    private String assignments(String prefix) {
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = prefix == null ? "?" : prefix + i;
            sets.add(Sql.ident(values.get(i).name()) + " = CAST(" + value + " AS " + values.get(i).type() + ")");
        }
        return String.join(", ", sets);
    }

    private String keyMatch() {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < match.size(); i++) {
            conditions.add("_t." + Sql.ident(match.get(i).name()) + " = CAST(_v.k" + i + " AS " + match.get(i).type() + ")");
        }
        return String.join(" AND ", conditions);
    }

    /**
     * Without a key, a row is the first one whose every column equals the before-image. Compared as text, which
     * works for every type (json, point and xml have no equality operator) and is exact for values that came
     * from the same text form.
     */
    private String firstMatching(String target) {
        List<String> conditions = new ArrayList<>();
        for (TypedColumn c : match) {
            conditions.add(Sql.ident(c.name()) + "::text IS NOT DISTINCT FROM CAST(CAST(? AS " + c.type() + ") AS text)");
        }
        return "SELECT tableoid, ctid FROM " + target + " WHERE " + String.join(" AND ", conditions) + " LIMIT 1";
    }

    /** Whether rows are bound as arrays (one execution per batch) or one by one (JDBC batch). */
    public boolean arrayBound() {
        return kind != WriteKind.KEYLESS_UPDATE && kind != WriteKind.KEYLESS_DELETE;
    }
}
