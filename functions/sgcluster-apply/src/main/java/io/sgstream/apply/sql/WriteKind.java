package io.sgstream.apply.sql;

/** The statement a change turns into. */
public enum WriteKind {
    /** Insert or, if the key exists, overwrite: c and r (at-least-once safe), u without key change or TOAST gap. */
    UPSERT,
    /** Plain insert: tables without a primary key (exactly-once delivery makes it safe). */
    INSERT,
    /** Update of the present columns by the old key: u with a key change or unchanged TOAST columns. */
    UPDATE,
    DELETE,
    /** Update of one row matched by its full before-image (table without primary key, REPLICA IDENTITY FULL). */
    KEYLESS_UPDATE,
    KEYLESS_DELETE,
    TRUNCATE
}
