package io.sgstream.apply.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sgstream.apply.schema.TargetTable;
import io.sgstream.event.Column;
import io.sgstream.event.EventCodec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes of one table within a run of source transactions, collapsed per primary key into what the row is
 * after the last of them, as applying them one by one in order would leave it:
 * <ul>
 * <li>a whole row (insert, or an update carrying every column): the row is that image;</li>
 * <li>an update of some columns (unchanged TOAST values left out): laid over the whole row if one is known
 *     (the TOAST value it left out is the one that row holds), else remembered as a partial update, laid over
 *     earlier partial updates; an update of a deleted row changes nothing, as the row-by-row UPDATE would not;</li>
 * <li>a delete: the row is gone, whatever came before (a later insert brings a whole row again).</li>
 * </ul>
 * The missed-rows count (updates and deletes that found no row: drift) stays what the row-by-row apply would
 * count where the run itself decides it (an update or delete of a row the run deleted is a miss, the delete of a
 * row the run wrote is not); where it depends on the target, a collapsed update or delete counts once.
 * Key changes never get here (the writer writes them in order, as barriers). Only for tables whose changes'
 * order cannot be observed ({@link ReorderSafety}).
 */
final class CollapsedRun {

    enum State { ROW, PARTIAL, DELETED }

    /** The final state of one key: for ROW the row's values, for PARTIAL the columns set, by column name. */
    static final class Entry {
        final String[] key;
        State state;
        ObjectNode values;
        /** DELETED: the row it deletes was written by the run, so the delete finds it (not a miss if absent). */
        boolean deletesRunRow;

        Entry(String[] key) {
            this.key = key;
        }
    }

    final TargetTable table;
    /** The event column list of every change in the run (a different list ends the run). */
    final List<Column> columns;
    final Map<List<String>, Entry> keys = new LinkedHashMap<>();

    CollapsedRun(TargetTable table, List<Column> columns) {
        this.table = table;
        this.columns = columns;
    }

    void row(String[] key, ObjectNode row, List<Column> present) {
        Entry e = entry(key);
        e.state = State.ROW;
        e.values = copy(row, present);
    }

    /** @return true if it certainly misses (the run deleted the row), as the row-by-row update would */
    boolean partial(String[] key, ObjectNode after, List<Column> present) {
        Entry e = keys.get(Arrays.asList(key));
        if (e != null && e.state == State.DELETED) {
            return true;
        }
        if (e == null) {
            e = entry(key);
            e.state = State.PARTIAL;
            e.values = copy(after, present);
        } else {
            for (Column col : present) {
                e.values.set(col.name(), after.get(col.name()));
            }
        }
        return false;
    }

    /** @return true if it certainly misses (the run deleted the row already) */
    boolean delete(String[] key) {
        Entry e = entry(key);
        if (e.state == State.DELETED) {
            return true;
        }
        e.deletesRunRow = e.state == State.ROW;
        e.state = State.DELETED;
        e.values = null;
        return false;
    }

    private Entry entry(String[] key) {
        return keys.computeIfAbsent(Arrays.asList(key), k -> new Entry(key));
    }

    private static ObjectNode copy(ObjectNode row, List<Column> present) {
        ObjectNode out = EventCodec.JSON.createObjectNode();
        for (Column col : present) {
            JsonNode v = row.get(col.name());
            out.set(col.name(), v);
        }
        return out;
    }
}
