package io.sgstream.capture.values;

import io.sgstream.event.Column;
import io.sgstream.event.KeyIdentity;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the contract needs to know about one captured table, for one version of its Debezium schema: the captured
 * columns with their source types, which of them form the key, and which old values pgoutput sends (replica
 * identity), so the before image carries exactly those.
 *
 * @param columns          captured columns in table order, types as {@code format_type()} prints them
 * @param types            encoding per column name
 * @param keyColumns       the key: Debezium's message key (primary key or {@code message.key.columns}), else the
 *                         replica identity
 * @param identity         the table's replica identity
 * @param identityColumns  columns of the old row pgoutput sends on update/delete (all for FULL, none for NOTHING)
 * @param keyIdentity      {@link KeyIdentity#FULL} when the key columns are the whole row of a table without primary
 *                         key (REPLICA IDENTITY FULL, no message key): they are not unique
 */
public record TableShape(String schema, String table, List<Column> columns, Map<String, ColumnType> types,
                         Set<String> keyColumns, ReplicaIdentity identity, Set<String> identityColumns,
                         KeyIdentity keyIdentity) {

    /** {@code pg_class.relreplident}. */
    public enum ReplicaIdentity {
        DEFAULT, FULL, INDEX, NOTHING;

        static ReplicaIdentity of(String relreplident) {
            return switch (relreplident == null ? "d" : relreplident) {
                case "f" -> FULL;
                case "i" -> INDEX;
                case "n" -> NOTHING;
                default -> DEFAULT;
            };
        }
    }

    public TableShape {
        columns = List.copyOf(columns);
        types = Map.copyOf(types);
        keyColumns = Set.copyOf(keyColumns);
        identityColumns = Set.copyOf(identityColumns);
    }

    public ColumnType type(String column) {
        ColumnType type = types.get(column);
        return type != null ? type : ColumnType.of("text", ',');
    }
}
