package io.sgstream.apply.sql;

import io.sgstream.event.Op;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Changes written in one transaction, per {@code schema.table} and operation; published once it commits. */
public final class RowCounts {

    private final Map<String, EnumMap<Op, Long>> counts = new LinkedHashMap<>();
    private long missedRows;

    void add(String table, Op op) {
        counts.computeIfAbsent(table, t -> new EnumMap<>(Op.class)).merge(op, 1L, Long::sum);
    }

    void missed(long rows) {
        missedRows += rows;
    }

    public Map<String, EnumMap<Op, Long>> byTable() {
        return counts;
    }

    /**
     * Updates and deletes whose row was not on the target (it diverged: a row deleted by hand, or a table
     * truncated outside the stream). They cannot be repaired from a partial row image, so they are counted.
     */
    public long missedRows() {
        return missedRows;
    }

    public long total() {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }
}
