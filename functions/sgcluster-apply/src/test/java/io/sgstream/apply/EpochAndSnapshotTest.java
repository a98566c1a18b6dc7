package io.sgstream.apply;

import io.cloudevents.CloudEvent;
import io.sgstream.apply.testing.Deliveries;
import io.sgstream.apply.testing.SourceRecorder;
import io.sgstream.apply.testing.TableChecksums;
import io.sgstream.apply.testing.TestConfigs;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Snapshot rows are written on arrival, but streaming waits for the whole snapshot; a new epoch starts over. */
class EpochAndSnapshotTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void snapshotRowsAreWrittenOnArrivalButNoStreamingTransactionBeforeTheSnapshotIsComplete() throws Exception {
        String source = PG.createDatabase("snap_src");
        String target = PG.createDatabase("snap_dst");
        PG.execute(source, "CREATE TABLE t (id int PRIMARY KEY, v text)",
                "INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 50) g");
        StreamId stream = new StreamId("test", "snap");
        List<StreamEvent> snapshot;
        List<StreamEvent> streaming = new ArrayList<>();
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            snapshot = src.snapshot("public.t");
            streaming.addAll(src.transaction(tx -> tx.update("public.t", "id <= 10", "v = 'changed'")));
            streaming.addAll(src.transaction(tx -> tx.insert("public.t", "INSERT INTO t VALUES (51, 'new')")));
        }
        StreamEvent missing = snapshot.get(7); // one snapshot row is late
        List<StreamEvent> first = new ArrayList<>(snapshot);
        first.remove(missing);
        first.addAll(streaming);
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            List<AcceptResult> results = apply.acceptAll(Deliveries.cloudEvents(first, 64_000));
            assertThat(results.stream().filter(r -> r.outcome() == AcceptResult.Outcome.APPLIED)).hasSize(49);
            apply.applyPending(stream);
            assertThat(apply.status(stream)).hasValueSatisfying(s -> assertThat(s.appliedTxSeq()).isEqualTo(-1));
            assertThat(TableChecksums.rows(PG.server(), target, "t", "id")).hasSize(49).noneMatch(r -> r.contains("changed"));

            assertThat(apply.acceptAll(Deliveries.cloudEvents(List.of(missing), 64_000)))
                    .allMatch(r -> r.outcome() == AcceptResult.Outcome.APPLIED);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(apply.status(stream))
                    .hasValueSatisfying(s -> assertThat(s.appliedTxSeq()).isEqualTo(2)));

            // A late copy of a snapshot row never overwrites what streaming wrote since.
            StreamEvent stale = snapshot.get(0);
            assertThat(((RowChange) stale).after().get("v").asText()).isEqualTo("v1");
            assertThat(apply.acceptAll(Deliveries.cloudEvents(List.of(stale), 64_000)))
                    .allMatch(r -> r.outcome() == AcceptResult.Outcome.STALE);
        }
        assertThat(TableChecksums.of(PG.server(), target, "public")).isEqualTo(TableChecksums.of(PG.server(), source, "public"));
    }

    @Test
    void aGreaterEpochRewritesTheTargetSoRowsDeletedDuringACrashedSnapshotDoNotSurvive() throws Exception {
        String source = PG.createDatabase("epoch_src");
        String target = PG.createDatabase("epoch_dst");
        PG.execute(source, "CREATE TABLE t (id int PRIMARY KEY, v text)", "CREATE TABLE u (id int PRIMARY KEY)",
                "INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 100) g", "INSERT INTO u VALUES (1)");
        StreamId stream = new StreamId("test", "epoch");
        List<StreamEvent> oldEpoch;
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "20260101000000")) {
            oldEpoch = src.snapshot("public.t", "public.u");
        }
        List<StreamEvent> newEpoch = new ArrayList<>();
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            // The capture crashes after sending 60 rows of its snapshot (no transaction end).
            List<StreamEvent> sent = oldEpoch.subList(0, 60);
            assertThat(apply.acceptAll(Deliveries.cloudEvents(sent, 64_000))).allMatch(AcceptResult::acknowledged);
            assertThat(TableChecksums.rows(PG.server(), target, "t", "id")).hasSize(60);

            // Meanwhile the source changes; the capture comes back with a new epoch and a new snapshot.
            PG.execute(source, "DELETE FROM t WHERE id <= 30", "UPDATE t SET v = 'updated' WHERE id <= 40",
                    "INSERT INTO t SELECT g, 'late' FROM generate_series(101, 110) g", "DELETE FROM u");
            try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "20260102000000")) {
                newEpoch.addAll(src.snapshot("public.t", "public.u"));
                newEpoch.addAll(src.transaction(tx -> tx.delete("public.t", "id = 50").insert("public.u", "INSERT INTO u VALUES (2)")));
            }
            // The rest of the old epoch still arrives, late and mixed in.
            List<CloudEvent> delivery = new ArrayList<>(Deliveries.cloudEvents(newEpoch, 64_000));
            delivery.addAll(Deliveries.cloudEvents(oldEpoch.subList(60, oldEpoch.size()), 64_000));
            Collections.shuffle(delivery, new Random(2));
            assertThat(Deliveries.deliver(apply, delivery, 4)).allMatch(AcceptResult::acknowledged);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(apply.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.epoch()).isEqualTo("20260102000000");
                assertThat(s.appliedTxSeq()).isEqualTo(1);
                assertThat(s.pendingEvents()).isZero();
            }));
            assertThat(apply.acceptAll(Deliveries.cloudEvents(oldEpoch.subList(0, 5), 64_000)))
                    .allMatch(r -> r.outcome() == AcceptResult.Outcome.STALE);
        }
        assertThat(TableChecksums.of(PG.server(), target, "public")).isEqualTo(TableChecksums.of(PG.server(), source, "public"));
        assertThat(TableChecksums.rows(PG.server(), target, "u", "id")).containsExactly("(2)");
    }
}
