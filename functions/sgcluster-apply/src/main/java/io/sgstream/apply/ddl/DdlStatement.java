package io.sgstream.apply.ddl;

/**
 * One statement of an imported schema.
 *
 * @param object   what it creates, for logs and errors ({@code table public.orders})
 * @param optional owners, grants, memberships, policies, comments: when the target refuses them (role missing, not permitted),
 *                 the import goes on without them, as {@code pg_restore} would report and continue
 */
public record DdlStatement(String object, String sql, boolean optional) {

    static DdlStatement required(String object, String sql) {
        return new DdlStatement(object, sql, false);
    }

    static DdlStatement optional(String object, String sql) {
        return new DdlStatement(object, sql, true);
    }
}
