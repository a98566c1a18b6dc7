package io.sgstream.apply;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sgstream.apply.testing.Deliveries;
import io.sgstream.apply.testing.SourceRecorder;
import io.sgstream.apply.testing.TableChecksums;
import io.sgstream.apply.testing.TestConfigs;
import io.sgstream.event.SignalEvent;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer prepares each statement shape on the server by name once per connection and pipelines EXECUTEs of
 * those names (statement order itself is checked by PipelinedWritesTest). Here: the names stay valid across
 * batches, and a command signal that deallocates every prepared statement in the middle of a batch does not
 * break the statements of the same shapes after it.
 */
class PreparedPipelineTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void commandThatDeallocatesPreparedStatementsMidBatchLeavesTheRestApplicable() throws Exception {
        String source = PG.createDatabase("prep_src");
        String target = PG.createDatabase("prep_dst");
        String tables = "CREATE TABLE a (id int PRIMARY KEY, v text); CREATE TABLE b (id int PRIMARY KEY, n int)";
        PG.execute(source, tables);
        PG.execute(target, tables);
        StreamId stream = new StreamId("test", "prepared");
        List<StreamEvent> first = new ArrayList<>();
        List<StreamEvent> second = new ArrayList<>();
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            first.addAll(src.snapshot("public.a", "public.b"));
            for (int i = 1; i <= 20; i++) {
                first.addAll(transaction(src, i));
            }
            // one batch: shapes prepared, then deallocated by the command, then the same shapes again
            second.addAll(transaction(src, 21));
            second.addAll(src.signal(SignalEvent.COMMAND,
                    JsonNodeFactory.instance.objectNode().put("command", "DEALLOCATE ALL")));
            for (int i = 22; i <= 40; i++) {
                second.addAll(transaction(src, i));
            }
        }
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            assertThat(apply.acceptAll(Deliveries.cloudEvents(first, 2000))).allMatch(AcceptResult::acknowledged);
            apply.applyPending(stream);
            assertThat(apply.status(stream)).hasValueSatisfying(s -> assertThat(s.appliedTxSeq()).isEqualTo(20));
            // the pool's connections now have the shapes prepared: the next batch reuses them
            assertThat(apply.acceptAll(Deliveries.cloudEvents(second, 2000))).allMatch(AcceptResult::acknowledged);
            apply.applyPending(stream);
            assertThat(apply.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.failure()).isNull();
                assertThat(s.appliedTxSeq()).isEqualTo(41); // 40 transactions and the signal's
            });
        }
        assertThat(TableChecksums.of(PG.server(), target, "public")).isEqualTo(TableChecksums.of(PG.server(), source, "public"));
    }

    private static List<StreamEvent> transaction(SourceRecorder src, int id) throws Exception {
        return src.transaction(tx -> {
            tx.insert("public.a", "INSERT INTO a VALUES (" + id + ", 'a" + id + "')");
            tx.insert("public.b", "INSERT INTO b VALUES (" + id + ", " + id + ")");
            tx.update("public.b", "id = " + id, "n = n + 1");
            if (id > 1) {
                tx.delete("public.a", "id = " + (id - 1));
            }
        });
    }
}
