package io.sgstream.apply.prepare;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which tables and columns a stream captures, by its {@code includes}/{@code excludes} with the meaning the
 * capture gives them (see {@code io.sgstream.api.DebeziumFilters}): a pattern's level is its number of parts
 * split at escaped dots — schema, {@code schema.table} or {@code schema.table.column} — and it must match the
 * whole name, as Debezium's include and exclude lists do. System schemas are never captured.
 */
public final class CapturedTables {

    private final List<List<Pattern>> includes;
    private final List<List<Pattern>> excludes;

    public CapturedTables(List<String> includes, List<String> excludes) {
        this.includes = byLevel(includes);
        this.excludes = byLevel(excludes);
    }

    public boolean schema(String schema) {
        if (schema.startsWith("pg_") || schema.equals("information_schema")) {
            return false;
        }
        return allowed(0, schema);
    }

    public boolean table(String schema, String table) {
        return schema(schema) && allowed(1, schema + "." + table);
    }

    public boolean column(String schema, String table, String column) {
        return table(schema, table) && allowed(2, schema + "." + table + "." + column);
    }

    /**
     * Whether a column of a table that is imported although not captured itself (the root of a partition tree
     * of which a partition is captured) is kept: only the column-level patterns decide.
     */
    public boolean columnOfTree(String schema, String table, String column) {
        return allowed(2, schema + "." + table + "." + column);
    }

    private boolean allowed(int level, String name) {
        List<Pattern> in = includes.get(level);
        if (!in.isEmpty() && in.stream().noneMatch(p -> p.matcher(name).matches())) {
            return false;
        }
        return excludes.get(level).stream().noneMatch(p -> p.matcher(name).matches());
    }

    private static List<List<Pattern>> byLevel(List<String> patterns) {
        List<List<Pattern>> out = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        if (patterns != null) {
            for (String p : patterns) {
                int parts = p.split("\\\\\\.").length;
                out.get(Math.min(3, Math.max(parts, 1)) - 1).add(Pattern.compile(p));
            }
        }
        return out;
    }
}
