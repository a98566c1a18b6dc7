package io.sgstream.apply.sql;

import java.util.List;
import java.util.stream.Collectors;

/** Identifier quoting: every schema, table and column name from an event is quoted, whatever it contains. */
public final class Sql {

    private Sql() {
    }

    public static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    public static String table(String schema, String table) {
        return ident(schema) + "." + ident(table);
    }

    public static String idents(List<String> names) {
        return names.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }
}
