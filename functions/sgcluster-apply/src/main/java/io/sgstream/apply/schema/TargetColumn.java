package io.sgstream.apply.schema;

/**
 * A column of a target table as the catalog describes it.
 *
 * @param type       {@code format_type()} of the column, valid SQL in this session (used in casts)
 * @param identity   {@code pg_attribute.attidentity}: "" none, "a" always, "d" by default
 * @param generated  {@code pg_attribute.attgenerated}: "" none, "s" stored (never written)
 */
public record TargetColumn(String name, String type, long typeOid, int typmod, boolean notNull, boolean hasDefault,
                           String identity, String generated) {

    /** Values may be written to it (generated columns compute their own). */
    public boolean writable() {
        return generated.isEmpty();
    }

    public boolean identityAlways() {
        return "a".equals(identity);
    }

    /** An insert that omits it fails: NOT NULL and nothing fills it in. */
    public boolean requiresValue() {
        return notNull && !hasDefault && identity.isEmpty() && generated.isEmpty();
    }
}
