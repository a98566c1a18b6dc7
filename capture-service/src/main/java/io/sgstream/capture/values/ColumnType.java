package io.sgstream.capture.values;

/**
 * How the contract encodes the values of one column, decided once from its catalog type name
 * ({@code format_type()}) rather than per value.
 *
 * @param name      the type as {@code format_type()} prints it, e.g. {@code integer[]} or {@code public.mood}
 * @param kind      the encoding of a value (of an element, for arrays: see {@code element})
 * @param element   the element encoding of an array type, null otherwise
 * @param delimiter the array element delimiter of the element type ({@code typdelim}: {@code ;} for box)
 */
public record ColumnType(String name, Kind kind, Kind element, char delimiter) {

    /** JSON shapes of the contract (see {@link io.sgstream.event.PgValues}). */
    public enum Kind {
        BOOLEAN, INTEGER, FLOAT, TEXT, ARRAY
    }

    public static ColumnType of(String formatType, char delimiter) {
        if (formatType.endsWith("[]")) {
            return new ColumnType(formatType, Kind.ARRAY, scalarKind(formatType.substring(0, formatType.indexOf('['))),
                    delimiter);
        }
        return new ColumnType(formatType, scalarKind(formatType), null, delimiter);
    }

    /** Only the built-in names the contract lists; domains and everything else are text. */
    static Kind scalarKind(String type) {
        return switch (type) {
            case "boolean" -> Kind.BOOLEAN;
            case "smallint", "integer", "bigint", "oid" -> Kind.INTEGER;
            case "real", "double precision" -> Kind.FLOAT;
            default -> Kind.TEXT;
        };
    }
}
