package io.sgstream.apply;

import io.sgstream.apply.testing.Deliveries;
import io.sgstream.apply.testing.SourceRecorder;
import io.sgstream.apply.testing.TableChecksums;
import io.sgstream.apply.testing.TestConfigs;
import io.sgstream.apply.testing.TypeSamples;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every built-in type family and arrays of them, enums, domains, composites, ranges and multiranges, with edge
 * values (NaN and infinities, 24:00, time zones with odd offsets, empty and NULL array elements, quotes and
 * backslashes): through the snapshot path (written on arrival) and the streaming path (insert, update, delete),
 * the target's {@code row::text} equals the source's.
 */
class TypeMatrixTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void everyTypeRoundTripsExactlyThroughSnapshotAndStreaming() throws Exception {
        String source = PG.createDatabase("types_src");
        String target = PG.createDatabase("types_dst");
        PG.execute(source, TypeSamples.USER_TYPES);
        PG.execute(target, TypeSamples.USER_TYPES);
        PG.execute(source, TypeSamples.TABLE, "INSERT INTO types VALUES " + TypeSamples.TYPICAL,
                "INSERT INTO types VALUES " + TypeSamples.EDGES,
                "INSERT INTO types (id) VALUES (3)");
        StreamId stream = new StreamId("test", "types");
        String columns = allColumnsButId(source);
        List<StreamEvent> events = new ArrayList<>();
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            events.addAll(src.snapshot("public.types"));
            events.addAll(src.transaction(tx -> tx.insert("public.types",
                    "INSERT INTO types SELECT id + 10, " + columns + " FROM types WHERE id IN (1, 2, 3)")));
            events.addAll(src.transaction(tx -> tx
                    .update("public.types", "id = 1", "(" + columns + ") = (SELECT " + columns + " FROM types WHERE id = 2)")
                    .update("public.types", "id = 3", "(" + columns + ") = (SELECT " + columns + " FROM types WHERE id = 11)")
                    .delete("public.types", "id = 12")));
        }
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            assertThat(apply.acceptAll(Deliveries.cloudEvents(events, 64_000))).allMatch(AcceptResult::acknowledged);
            apply.applyPending(stream);
            assertThat(apply.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.failure()).isNull();
                assertThat(s.appliedTxSeq()).isEqualTo(2);
            });
        }
        List<String> expected = TableChecksums.rows(PG.server(), source, "public.types", "id");
        assertThat(expected).hasSize(5);
        assertThat(TableChecksums.rows(PG.server(), target, "public.types", "id")).containsExactlyElementsOf(expected);
        assertThat(columnTypes(target)).isEqualTo(columnTypes(source)); // created on demand with the exact types
    }

    private static String allColumnsButId(String database) throws Exception {
        List<String> columns = new ArrayList<>();
        for (String c : columnTypes(database)) {
            String name = c.substring(0, c.indexOf(' '));
            if (!name.equals("id")) {
                columns.add(name);
            }
        }
        return String.join(", ", columns);
    }

    /** {@code name type} per column, in order. */
    private static List<String> columnTypes(String database) throws Exception {
        List<String> out = new ArrayList<>();
        try (var c = PG.server().connect(database); var s = c.createStatement();
             var rs = s.executeQuery("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
                     + " WHERE attrelid = 'public.types'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return out;
    }
}
