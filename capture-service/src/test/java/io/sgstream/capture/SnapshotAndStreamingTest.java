package io.sgstream.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.event.Column;
import io.sgstream.event.Op;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.TransactionEnd;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SnapshotAndStreamingTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void snapshotThenChangesAcrossTablesArriveNumberedInCommitOrder() throws Exception {
        String db = PG.createDatabase("snapstream");
        PG.execute(db,
                "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer int, amount numeric(10,2), note varchar(20) DEFAULT 'none')",
                "INSERT INTO customers VALUES (1, 'ada'), (2, 'bob'), (3, 'cy')",
                "INSERT INTO orders VALUES (10, 1, 9.50, 'first'), (11, 2, 100.00, NULL)");
        try (RecordingEndpoint endpoint = new RecordingEndpoint();
             HttpEventSink sink = TestCaptures.sink(endpoint, 16);
             CaptureService capture = new CaptureService(TestCaptures.config(PG, db, "snapstream").build(), sink,
                     new SimpleMeterRegistry())) {
            capture.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(0) != null);

            List<StreamEvent> snapshot = endpoint.events();
            TransactionEnd end0 = endpoint.transactionEnd(0);
            assertThat(end0.eventCount()).isEqualTo(5);
            assertThat(end0.tables()).isEqualTo(Map.of("public.customers", 3L, "public.orders", 2L));
            List<RowChange> rows = changes(snapshot, 0);
            assertThat(rows).extracting(r -> r.position().seq()).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.op()).isEqualTo(Op.READ);
                assertThat(r.before()).isNull();
                assertThat(r.txId()).isNull();
                assertThat(r.id()).isEqualTo(end0.epoch() + "-0-" + r.position().seq());
            });
            RowChange order10 = rows.stream().filter(r -> r.table().equals("orders") && r.key().get("id").asLong() == 10)
                    .findFirst().orElseThrow();
            assertThat(order10.columns()).containsExactly(new Column("id", "bigint", true),
                    new Column("customer", "integer", false), new Column("amount", "numeric(10,2)", false),
                    new Column("note", "character varying(20)", false));
            assertThat(order10.after().toString()).isEqualTo("{\"id\":10,\"customer\":1,\"amount\":\"9.50\",\"note\":\"first\"}");
            assertThat(order10.partitionKey()).isEqualTo("public.orders:{\"id\":10}");
            // a NULL stored in a column with a default stays NULL (Connect's Struct.get would answer the default)
            assertThat(rows.stream().filter(r -> r.table().equals("orders") && r.key().get("id").asLong() == 11)
                    .findFirst().orElseThrow().after().get("note").isNull()).isTrue();

            try (Connection c = PG.server().connect(db); Statement s = c.createStatement()) {
                s.execute("INSERT INTO customers VALUES (4, 'dee'), (5, 'eve'), (6, 'fay')"); // tx 1: one statement
                s.execute("UPDATE orders SET amount = 12.25, note = 'changed' WHERE id = 10"); // tx 2
                s.execute("DELETE FROM customers WHERE id = 2"); // tx 3
                ((PGConnection) c).getCopyAPI().copyIn("COPY customers FROM STDIN WITH (FORMAT csv)",
                        new StringReader("7,gus\n8,hal\n")); // tx 4
                s.execute("UPDATE customers SET name = name WHERE id = 999"); // no row: no transaction number
                s.execute("TRUNCATE orders"); // tx 5
            }
            // tx 6 and 7: the one that began later commits first and is numbered first
            try (Connection early = PG.server().connect(db); Connection late = PG.server().connect(db);
                 Statement se = early.createStatement(); Statement sl = late.createStatement()) {
                early.setAutoCommit(false);
                late.setAutoCommit(false);
                se.execute("INSERT INTO customers VALUES (20, 'early')");
                sl.execute("INSERT INTO customers VALUES (21, 'late')");
                sl.execute("INSERT INTO orders VALUES (30, 21, 1.00, 'late')");
                late.commit();
                early.commit();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(7) != null);

            List<StreamEvent> all = endpoint.events();
            assertThat(all.stream().filter(e -> e instanceof TransactionEnd).map(e -> ((TransactionEnd) e).txSeq()))
                    .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
            for (long tx = 1; tx <= 7; tx++) {
                List<RowChange> txRows = changes(all, tx);
                TransactionEnd end = endpoint.transactionEnd(tx);
                assertThat(end.eventCount()).as("events of tx %d", tx).isEqualTo(txRows.size());
                assertThat(txRows).extracting(r -> r.position().seq())
                        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, txRows.size()).boxed().toList());
                assertThat(txRows).allSatisfy(r -> {
                    assertThat(r.epoch()).isEqualTo(end0.epoch());
                    assertThat(r.txId()).isEqualTo(end.txId());
                    assertThat(r.commitTime()).isEqualTo(end.commitTime());
                });
            }
            List<RowChange> multiRow = changes(all, 1);
            assertThat(multiRow).extracting(r -> r.key().get("id").asInt()).containsExactly(4, 5, 6);
            assertThat(multiRow).extracting(StreamEvent::id).doesNotHaveDuplicates();
            assertThat(multiRow).allSatisfy(r -> assertThat(r.op()).isEqualTo(Op.CREATE));

            RowChange update = changes(all, 2).get(0);
            assertThat(update.op()).isEqualTo(Op.UPDATE);
            assertThat(update.before().toString()).isEqualTo("{\"id\":10}"); // REPLICA IDENTITY DEFAULT: key only
            assertThat(update.after().toString()).isEqualTo("{\"id\":10,\"customer\":1,\"amount\":\"12.25\",\"note\":\"changed\"}");

            RowChange delete = changes(all, 3).get(0);
            assertThat(delete.op()).isEqualTo(Op.DELETE);
            assertThat(delete.key().toString()).isEqualTo("{\"id\":2}");
            assertThat(delete.before().toString()).isEqualTo("{\"id\":2}");
            assertThat(delete.after()).isNull();

            List<RowChange> copy = changes(all, 4);
            assertThat(copy).extracting(r -> r.after().get("name").asText()).containsExactly("gus", "hal");
            assertThat(copy).extracting(StreamEvent::id).doesNotHaveDuplicates();

            RowChange truncate = changes(all, 5).get(0);
            assertThat(truncate.op()).isEqualTo(Op.TRUNCATE);
            assertThat(truncate.qualifiedTable()).isEqualTo("public.orders");
            assertThat(truncate.key()).isNull();

            assertThat(changes(all, 6)).extracting(r -> r.after().path("name").asText("?") + "/" + r.table())
                    .containsExactly("late/customers", "?/orders");
            assertThat(changes(all, 7)).extracting(r -> r.after().get("name").asText())
                    .containsExactly("early");
            assertThat(endpoint.transactionEnd(6).tables())
                    .isEqualTo(Map.of("public.customers", 1L, "public.orders", 1L));

            Set<String> ids = endpoint.deliveries().stream().map(d -> d.event().getId()).collect(Collectors.toSet());
            assertThat(ids).hasSize(all.size());
            assertThat(capture.status().snapshotCompleted()).isTrue();
            assertThat(capture.status().snapshotRows()).isEqualTo(Map.of("public.customers", 3L, "public.orders", 2L));
            await().atMost(Duration.ofSeconds(60)).until(() -> capture.status().acknowledgedTxSeq() == 7);
            assertThat(capture.status().state()).isEqualTo(CaptureState.STREAMING);
        }
    }

    static List<RowChange> changes(List<StreamEvent> events, long txSeq) {
        return events.stream().filter(e -> e instanceof RowChange r && r.position().txSeq() == txSeq)
                .map(e -> (RowChange) e).toList();
    }

    static JsonNode after(RowChange r, String column) {
        return r.after().get(column);
    }
}
