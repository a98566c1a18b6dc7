package io.sgstream.capture.preflight;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Debezium's table filters ({@code schema|table.include|exclude.list}: comma-separated regular expressions matched
 * case-insensitively against the whole schema name or {@code schema.table}), to name the tables a filtered
 * publication would need.
 */
public final class CapturedTables {

    private final List<Pattern> schemaInclude;
    private final List<Pattern> schemaExclude;
    private final List<Pattern> tableInclude;
    private final List<Pattern> tableExclude;

    public CapturedTables(Map<String, String> properties) {
        schemaInclude = patterns(properties.get("schema.include.list"));
        schemaExclude = patterns(properties.get("schema.exclude.list"));
        tableInclude = patterns(properties.get("table.include.list"));
        tableExclude = patterns(properties.get("table.exclude.list"));
    }

    public boolean captures(String schema, String table) {
        String qualified = schema + "." + table;
        if (!schemaInclude.isEmpty() && schemaInclude.stream().noneMatch(p -> p.matcher(schema).matches())) {
            return false;
        }
        if (schemaExclude.stream().anyMatch(p -> p.matcher(schema).matches())) {
            return false;
        }
        if (!tableInclude.isEmpty()) {
            return tableInclude.stream().anyMatch(p -> p.matcher(qualified).matches());
        }
        return tableExclude.stream().noneMatch(p -> p.matcher(qualified).matches());
    }

    private static List<Pattern> patterns(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> Pattern.compile(s, Pattern.CASE_INSENSITIVE)).toList();
    }
}
