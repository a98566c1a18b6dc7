package io.sgstream.apply;

import io.cloudevents.CloudEvent;
import io.sgstream.apply.testing.Deliveries;
import io.sgstream.apply.testing.SourceRecorder;
import io.sgstream.apply.testing.TestConfigs;
import io.sgstream.event.EventAttributes;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status's pending events come from a counter kept by triggers on the staging table, not from counting it:
 * after shuffled, duplicated, split and concurrent delivery, partial apply, and the counter's folding, it must
 * equal a real count of the staged rows not applied.
 */
class PendingCountTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void pendingEventsMatchARealCountThroughDeliveryApplyAndFolding() throws Exception {
        String source = PG.createDatabase("pending_src");
        String target = PG.createDatabase("pending_dst");
        PG.execute(source, "CREATE TABLE items (id int PRIMARY KEY, note text)",
                "INSERT INTO items SELECT g, repeat('x', g % 7 * 100) FROM generate_series(1, 600) g");
        PG.execute(target, "CREATE TABLE items (id int PRIMARY KEY, note text)");
        StreamId stream = new StreamId("test", "pending");
        List<StreamEvent> events = new ArrayList<>();
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            events.addAll(src.snapshot("public.items"));
            for (int i = 1; i <= 30; i++) {
                int id = i;
                events.addAll(src.transaction(tx -> tx.update("public.items", "id = " + id, "note = repeat('y', 700)")
                        .delete("public.items", "id = " + (id + 300))));
            }
        }
        // parts (data above 300 bytes is split), duplicates, any order; transaction 10 held back
        List<CloudEvent> all = Deliveries.shuffledWithDuplicates(Deliveries.cloudEvents(events, 300), 0.3, 7);
        List<CloudEvent> heldBack = all.stream().filter(e -> "10".equals(String.valueOf(e.getExtension(EventAttributes.TXSEQ)))).toList();
        List<CloudEvent> first = all.stream().filter(e -> !heldBack.contains(e)).toList();

        // staging only, one event per staging transaction: well over the fold threshold of counter rows
        try (SgClusterApply stager = SgClusterApply.start(TestConfigs.target(PG, target).withApplyEnabled(false))) {
            assertThat(Deliveries.deliver(stager, first, 1)).allMatch(AcceptResult::acknowledged);
            assertThat(counterRows(target)).isGreaterThan(1_000);
            assertThat(pending(stager, stream)).isEqualTo(realCount(target, stream)).isPositive();
            assertThat(counterRows(target)).isLessThanOrEqualTo(1); // folded by that read
            assertThat(pending(stager, stream)).isEqualTo(realCount(target, stream));
        }
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            apply.applyPending(stream);
            assertThat(apply.status(stream)).hasValueSatisfying(s -> assertThat(s.appliedTxSeq()).isEqualTo(9));
            assertThat(pending(apply, stream)).isEqualTo(realCount(target, stream)).isPositive();
            assertThat(Deliveries.deliver(apply, heldBack, 3)).allMatch(AcceptResult::acknowledged);
            assertThat(Deliveries.deliver(apply, first.subList(0, 50), 3)).allMatch(AcceptResult::acknowledged); // late copies
            apply.applyPending(stream);
            assertThat(apply.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.appliedTxSeq()).isEqualTo(30);
                assertThat(s.failure()).isNull();
            });
            assertThat(pending(apply, stream)).isZero().isEqualTo(realCount(target, stream));
        }
    }

    private static long pending(SgClusterApply apply, StreamId stream) throws Exception {
        return apply.status(stream).orElseThrow().pendingEvents();
    }

    private static long realCount(String database, StreamId stream) throws Exception {
        return single(database, "SELECT count(*) FROM sgstream.staged_event WHERE stream = '" + stream + "' AND NOT applied");
    }

    private static long counterRows(String database) throws Exception {
        return single(database, "SELECT count(*) FROM sgstream.pending_count");
    }

    private static long single(String database, String sql) throws Exception {
        try (Connection c = PG.server().connect(database); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
