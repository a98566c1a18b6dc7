package io.sgstream.event;

/** A column of a captured table: name, source type as {@code format_type()} prints it, part of the key or not. */
public record Column(String name, String type, boolean key) {

    public Column {
        if (name == null || name.isEmpty()) {
            throw new MalformedEventException("column without a name");
        }
        if (type == null || type.isEmpty()) {
            throw new MalformedEventException("column '" + name + "' without a type");
        }
    }

    /** The element type of an array type ({@code integer[]} gives {@code integer}), or null if not an array. */
    public String elementType() {
        return type.endsWith("[]") ? type.substring(0, type.indexOf('[')) : null;
    }
}
