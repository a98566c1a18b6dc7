package io.sgstream.apply.sql;

import java.util.List;

/**
 * Writes a column of row values as an SQL literal of a {@code text[]}: {@code E'{"v1","v2",NULL}'}.
 *
 * <p>Why literals and not bound parameters: the pipelined statements are {@code EXECUTE}s of server-prepared
 * statements, and PostgreSQL evaluates the arguments of {@code EXECUTE} without access to the protocol's bind
 * parameters ("there is no parameter $1"). The server parses a literal the way it parses a bound text array
 * ({@code array_in} on the same text), so the values arrive exactly as bound ones would.
 *
 * <p>Quoting: every element is double-quoted with {@code \} and {@code "} escaped by a backslash (array syntax);
 * the whole is an escape string ({@code E'...'}), where {@code \} and {@code '} are escaped again, so the
 * literal means the same whatever {@code standard_conforming_strings} is.
 */
final class TextArrayLiteral {

    private TextArrayLiteral() {
    }

    /** Appends the literal of column {@code col} of the rows, in row order. */
    static void append(StringBuilder sql, List<String[]> rows, int col) {
        sql.append("E'{");
        for (int r = 0; r < rows.size(); r++) {
            if (r > 0) {
                sql.append(',');
            }
            String v = rows.get(r)[col];
            if (v == null) {
                sql.append("NULL");
                continue;
            }
            sql.append("\"");
            for (int i = 0; i < v.length(); i++) {
                char ch = v.charAt(i);
                switch (ch) {
                    case '\\' -> sql.append("\\\\\\\\"); // array escape \\ , then string escape of each: \\\\
                    case '"' -> sql.append("\\\\\"");    // array escape \" , its backslash string-escaped: \\"
                    case '\'' -> sql.append("''");
                    default -> sql.append(ch);
                }
            }
            sql.append("\"");
        }
        sql.append("}'");
    }
}
