package io.sgstream.api;

import io.sgstream.api.spec.SourceSection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Translates a source's {@code includes}/{@code excludes} into Debezium's filter lists with StackGres's semantics:
 * a pattern's level is the number of parts it has when split at escaped dots ({@code \.}): one part
 * ({@code public}) filters schemas, two ({@code public\.orders}) tables, three or more
 * ({@code public\.orders\.note}) columns. So {@code includes: [public\.orders, audit]} gives
 * {@code table.include.list=public\.orders} and {@code schema.include.list=audit}.
 *
 * <p>Write dots between names escaped, as in the examples; an unescaped dot is a regular-expression wildcard and
 * does not separate levels.
 */
public final class DebeziumFilters {

    private static final String[] LEVELS = {"schema", "table", "column"};

    private DebeziumFilters() {
    }

    /** The filter properties of {@code source}'s includes and excludes. */
    public static SortedMap<String, String> forSource(SourceSection source) {
        return toDebeziumProperties(source.getIncludes(), source.getExcludes());
    }

    /** {@code schema|table|column.include.list} from {@code includes}, {@code ….exclude.list} from {@code excludes}. */
    public static SortedMap<String, String> toDebeziumProperties(List<String> includes, List<String> excludes) {
        SortedMap<String, String> properties = new TreeMap<>();
        put(properties, includes, ".include.list");
        put(properties, excludes, ".exclude.list");
        return Collections.unmodifiableSortedMap(properties);
    }

    /** 0 for a schema pattern, 1 for a table pattern, 2 for a column pattern. */
    static int level(String pattern) {
        // split drops trailing empty parts, so "public\." is a schema pattern, as in StackGres
        int parts = pattern.split("\\\\\\.").length;
        return Math.min(LEVELS.length, Math.max(parts, 1)) - 1;
    }

    private static void put(Map<String, String> properties, List<String> patterns, String suffix) {
        if (patterns == null) {
            return;
        }
        List<List<String>> byLevel = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        patterns.forEach(pattern -> byLevel.get(level(pattern)).add(pattern));
        for (int level = 0; level < LEVELS.length; level++) {
            if (!byLevel.get(level).isEmpty()) {
                properties.put(LEVELS[level] + suffix, String.join(",", byLevel.get(level)));
            }
        }
    }
}
