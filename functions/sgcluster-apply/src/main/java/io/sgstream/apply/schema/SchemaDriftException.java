package io.sgstream.apply.schema;

import io.sgstream.apply.ApplyException;

/**
 * The source's table no longer matches the target's in a way basic schema evolution does not resolve: a column
 * dropped on the source that the target requires, a changed type, a missing table with evolution off.
 */
public class SchemaDriftException extends ApplyException {

    public SchemaDriftException(String message) {
        super(message);
    }
}
