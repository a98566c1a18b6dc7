package io.sgstream.apply;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.apply.testing.Deliveries;
import io.sgstream.apply.testing.SourceRecorder;
import io.sgstream.apply.testing.TableChecksums;
import io.sgstream.apply.testing.TestConfigs;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Nothing acknowledged is lost when the function stops or its target connection dies at the worst moment. */
class InterruptedApplyTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void eventsStagedByAnInstanceThatStoppedAreAppliedByTheNextOne() throws Exception {
        String source = PG.createDatabase("stop_src");
        String target = PG.createDatabase("stop_dst");
        StreamId stream = new StreamId("test", "stop");
        List<StreamEvent> events = recordWorkload(source, stream);
        List<CloudEvent> delivery = Deliveries.shuffledWithDuplicates(Deliveries.cloudEvents(events, 3000), 0.3, 5);

        // First instance: acknowledges everything, then stops before applying anything.
        try (SgClusterApply first = SgClusterApply.start(TestConfigs.target(PG, target).withApplyEnabled(false))) {
            assertThat(Deliveries.deliver(first, delivery, 4)).allMatch(AcceptResult::acknowledged);
            assertThat(first.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.appliedTxSeq()).isEqualTo(-1);
                assertThat(s.pendingEvents()).isPositive();
            });
        }
        assertThat(TableChecksums.of(PG.server(), target, "public")).isEmpty();

        // After the restart, nothing needs to be delivered again.
        try (SgClusterApply second = SgClusterApply.start(TestConfigs.target(PG, target))) {
            long last = events.get(events.size() - 1).position().txSeq();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(second.status(stream))
                    .hasValueSatisfying(s -> assertThat(s.appliedTxSeq()).isEqualTo(last)));
        }
        assertThat(TableChecksums.of(PG.server(), target, "public")).isEqualTo(TableChecksums.of(PG.server(), source, "public"));
    }

    @Test
    void targetConnectionKilledBeforeStagingAndApplyCommitsLosesNothing() throws Exception {
        String source = PG.createDatabase("kill_src");
        String target = PG.createDatabase("kill_dst");
        StreamId stream = new StreamId("test", "kill");
        List<StreamEvent> events = recordWorkload(source, stream);
        List<CloudEvent> delivery = Deliveries.shuffledWithDuplicates(Deliveries.cloudEvents(events, 3000), 0.3, 9);

        ConnectionKiller killer = new ConnectionKiller(target, 2, 3);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target), registry, killer)) {
            assertThat(Deliveries.deliver(apply, delivery, 4)).allMatch(AcceptResult::acknowledged);
            long last = events.get(events.size() - 1).position().txSeq();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(apply.status(stream))
                    .hasValueSatisfying(s -> assertThat(s.appliedTxSeq()).isEqualTo(last)));
        }
        assertThat(killer.stagingKills.get()).isEqualTo(2);
        assertThat(killer.applyKills.get()).isEqualTo(3);
        // The killed staging commits were answered "unavailable" (the sender retried), the killed applies retried.
        assertThat(registry.get("sgstream.apply.events").tag("outcome", "unavailable").counter().count()).isGreaterThanOrEqualTo(2);
        assertThat(registry.get("sgstream.apply.failures").tag("kind", "transient").counter().count()).isGreaterThanOrEqualTo(3);
        assertThat(TableChecksums.of(PG.server(), target, "public")).isEqualTo(TableChecksums.of(PG.server(), source, "public"));
    }

    private static List<StreamEvent> recordWorkload(String source, StreamId stream) throws SQLException {
        PG.execute(source, "CREATE TABLE orders (id int PRIMARY KEY, customer text, total numeric(10,2), note text)",
                "CREATE TABLE lines (order_id int, line int, sku text, qty int, PRIMARY KEY (order_id, line))",
                "INSERT INTO orders SELECT g, 'c' || (g % 17), g * 1.5, CASE WHEN g % 10 = 0 THEN repeat('x', 4000) END"
                        + " FROM generate_series(1, 300) g",
                "INSERT INTO lines SELECT o, l, 'sku' || l, l FROM generate_series(1, 300) o, generate_series(1, 3) l");
        List<StreamEvent> events = new ArrayList<>();
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            events.addAll(src.snapshot("public.orders", "public.lines"));
            for (int i = 1; i <= 60; i++) {
                int order = 300 + i;
                int old = i * 4;
                events.addAll(src.transaction(tx -> tx
                        .insert("public.orders", "INSERT INTO orders VALUES (" + order + ", 'new', 0, NULL)")
                        .insert("public.lines", "INSERT INTO lines SELECT " + order + ", l, 's', l FROM generate_series(1, 4) l")
                        .update("public.orders", "id = " + order, "total = (SELECT sum(qty) FROM lines WHERE order_id = " + order + ")")
                        .update("public.orders", "id = " + old, "customer = customer || '!'", "note")
                        .delete("public.lines", "order_id = " + (old + 1))));
            }
        }
        return events;
    }

    /** Terminates the target backend of the first N staging and apply transactions just before they commit. */
    private static final class ConnectionKiller implements ApplyHooks {
        final String database;
        final int stagingTimes;
        final int applyTimes;
        final AtomicInteger stagingKills = new AtomicInteger();
        final AtomicInteger applyKills = new AtomicInteger();

        ConnectionKiller(String database, int stagingTimes, int applyTimes) {
            this.database = database;
            this.stagingTimes = stagingTimes;
            this.applyTimes = applyTimes;
        }

        @Override
        public void beforeStagingCommit(Connection connection) throws SQLException {
            if (stagingKills.incrementAndGet() <= stagingTimes) {
                kill(connection);
            } else {
                stagingKills.decrementAndGet();
            }
        }

        @Override
        public void beforeApplyCommit(StreamId stream, Connection connection) throws SQLException {
            if (applyKills.incrementAndGet() <= applyTimes) {
                kill(connection);
            } else {
                applyKills.decrementAndGet();
            }
        }

        private void kill(Connection victim) throws SQLException {
            int pid;
            try (Statement s = victim.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            try (Connection admin = PG.server().connect(database);
                 PreparedStatement ps = admin.prepareStatement("SELECT pg_terminate_backend(?, 10000)")) {
                ps.setInt(1, pid);
                ps.execute(); // waits until the backend is gone: the commit that follows fails for real
            }
        }
    }
}
