package io.sgstream.apply.schema;

import java.util.Locale;

/** What the apply does when events name a table or column the target lacks (Debezium's {@code schema.evolution}). */
public enum SchemaEvolutionMode {
    /** Missing tables and columns stop the stream with an error. */
    NONE,
    /** Missing tables are created and missing columns added from the types carried in the events. */
    BASIC;

    public static SchemaEvolutionMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schema evolution must be 'none' or 'basic', was '" + value + "'", e);
        }
    }
}
