package io.sgstream.apply;

import io.cloudevents.CloudEvent;
import io.sgstream.apply.testing.Deliveries;
import io.sgstream.apply.testing.SourceRecorder;
import io.sgstream.apply.testing.TableChecksums;
import io.sgstream.apply.testing.TestConfigs;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The basic path, in order and then reversed: snapshot, inserts, updates (key change, TOAST gap), deletes. */
class ApplyBasicsTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void appliesChangesInOrderWhateverTheDeliveryOrder() throws Exception {
        String source = PG.createDatabase("basics_src");
        String target = PG.createDatabase("basics_dst");
        PG.execute(source, "CREATE TABLE items (id int PRIMARY KEY, name text, qty int, note text)",
                "INSERT INTO items SELECT g, 'item ' || g, g * 10, repeat('n', 3000) FROM generate_series(1, 5) g");
        StreamId stream = new StreamId("test", "basics");
        List<StreamEvent> events = new ArrayList<>();
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            events.addAll(src.snapshot("public.items"));
            events.addAll(src.transaction(tx -> tx.insert("public.items", "INSERT INTO items VALUES (6, 'six', 60, NULL)")));
            events.addAll(src.transaction(tx -> tx.update("public.items", "id = 1", "qty = qty + 1", "note")));
            events.addAll(src.transaction(tx -> tx.update("public.items", "id = 2", "id = 20")
                    .delete("public.items", "id = 3")));
            events.addAll(src.transaction(tx -> tx.update("public.items", "id = 6", "name = NULL, qty = 0")));
        }
        List<CloudEvent> delivery = Deliveries.cloudEvents(events, 2000);
        Collections.reverse(delivery);
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            List<AcceptResult> results = apply.acceptAll(delivery);
            assertThat(results).allMatch(AcceptResult::acknowledged);
            apply.applyPending(stream);
            assertThat(apply.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.appliedTxSeq()).isEqualTo(4);
                assertThat(s.pendingEvents()).isZero();
                assertThat(s.failure()).isNull();
            });
        }
        assertThat(TableChecksums.of(PG.server(), target, "public")).isEqualTo(TableChecksums.of(PG.server(), source, "public"));
    }
}
