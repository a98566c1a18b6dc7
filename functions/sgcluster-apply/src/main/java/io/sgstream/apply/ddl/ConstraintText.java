package io.sgstream.apply.ddl;

/**
 * {@code pg_get_constraintdef()} leaves out the storage parameters of a key's index ({@code WITH (fillfactor=..)});
 * {@code pg_dump} adds them itself, and so do we. {@link #STORAGE} selects them (alias {@code con} for
 * {@code pg_constraint}); {@link #withStorage} puts them where the grammar wants them: after the column list and
 * INCLUDE, before an exclusion constraint's WHERE and before DEFERRABLE.
 */
public final class ConstraintText {

    public static final String STORAGE = "(SELECT 'WITH (' || string_agg(o.option_name || '=' || quote_literal(o.option_value), ', ') || ')'"
            + " FROM pg_class ix, pg_options_to_table(ix.reloptions) o WHERE ix.oid = con.conindid AND con.contype IN ('p', 'u', 'x'))";

    private ConstraintText() {
    }

    public static String withStorage(String definition, String storage) {
        if (storage == null) {
            return definition;
        }
        int at = definition.length();
        for (String next : new String[]{" WHERE (", " DEFERRABLE"}) {
            int i = definition.indexOf(next);
            if (i >= 0) {
                at = Math.min(at, i);
            }
        }
        return definition.substring(0, at) + " " + storage + definition.substring(at);
    }
}
