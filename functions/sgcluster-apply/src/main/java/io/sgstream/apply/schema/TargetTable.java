package io.sgstream.apply.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A target table: its columns in attribute order and its primary key in index order (empty without one).
 */
public final class TargetTable {

    private final String schema;
    private final String name;
    private final Map<String, TargetColumn> columns = new LinkedHashMap<>();
    private final List<String> primaryKey;

    public TargetTable(String schema, String name, List<TargetColumn> columns, List<String> primaryKey) {
        this.schema = schema;
        this.name = name;
        columns.forEach(c -> this.columns.put(c.name(), c));
        this.primaryKey = List.copyOf(primaryKey);
    }

    public String schema() {
        return schema;
    }

    public String name() {
        return name;
    }

    public String qualifiedName() {
        return schema + "." + name;
    }

    public TargetColumn column(String name) {
        return columns.get(name);
    }

    public Iterable<TargetColumn> columns() {
        return columns.values();
    }

    public List<String> primaryKey() {
        return primaryKey;
    }

    public boolean keyed() {
        return !primaryKey.isEmpty();
    }
}
