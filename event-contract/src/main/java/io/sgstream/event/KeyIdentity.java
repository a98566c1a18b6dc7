package io.sgstream.event;

/**
 * What a change's key columns say about its rows, the change data's {@code identity} field. A consumer needs it
 * because a table without a primary key but with {@code REPLICA IDENTITY FULL} has every column marked as key
 * (the whole old row is what identifies a row), which looks exactly like a table whose primary key is all its
 * columns; only the latter forbids identical rows.
 */
public enum KeyIdentity {

    /**
     * The key columns identify at most one row: the primary key, a replica identity index, or key columns the
     * stream configures. Not written on the wire: a change without {@code identity} (every event before the field
     * existed included) means this.
     */
    PRIMARY_KEY("primary-key"),

    /**
     * The table has no primary key and {@code REPLICA IDENTITY FULL}: the key columns are the whole row and do not
     * identify one row, identical rows may exist and each counts. A target must not make them unique, and applies
     * an update or delete to exactly one row equal to the before-image.
     */
    FULL("full");

    private final String code;

    KeyIdentity(String code) {
        this.code = code;
    }

    /** The wire value of {@code data.identity}. */
    public String code() {
        return code;
    }

    /** The identity named by {@code data.identity}; absent (null) is {@link #PRIMARY_KEY}. */
    public static KeyIdentity fromCode(String code) {
        if (code == null) {
            return PRIMARY_KEY;
        }
        for (KeyIdentity identity : values()) {
            if (identity.code.equals(code)) {
                return identity;
            }
        }
        throw new MalformedEventException("data.identity must be 'full' or 'primary-key', was '" + code + "'");
    }
}
