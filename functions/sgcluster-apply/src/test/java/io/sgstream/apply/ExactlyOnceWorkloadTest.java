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

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many source transactions of every kind, delivered shuffled with 30% duplicates from 4 concurrent senders, some
 * split into parts: the target must end equal to the source, and every source transaction must have been applied
 * atomically — checked by a concurrent reader on the target against invariants every transaction keeps
 * (transfers keep the sum of balances; each transfer adds one operation to two accounts).
 */
class ExactlyOnceWorkloadTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    private static final int ACCOUNTS = 40;
    private static final BigDecimal TOTAL = new BigDecimal("40000.00");

    @Test
    void shuffledDuplicatedConcurrentDeliveryEndsEqualToTheSourceWithEveryTransactionAtomic() throws Exception {
        String source = PG.createDatabase("workload_src");
        String target = PG.createDatabase("workload_dst");
        PG.execute(source,
                "CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL, balance numeric(12,2) NOT NULL,"
                        + " ops int NOT NULL DEFAULT 0, profile text)",
                "ALTER TABLE accounts ALTER COLUMN profile SET STORAGE EXTERNAL",
                "CREATE TABLE transfers (id bigserial PRIMARY KEY, from_id int NOT NULL, to_id int NOT NULL,"
                        + " amount numeric(12,2) NOT NULL, memo text)",
                "CREATE TABLE items (sku text, warehouse int, qty int, tags text[], PRIMARY KEY (sku, warehouse))",
                "CREATE TABLE logs (at timestamptz, level text, msg text)",
                "ALTER TABLE logs REPLICA IDENTITY FULL",
                "CREATE TABLE scratch (id int PRIMARY KEY, v text)",
                "INSERT INTO accounts SELECT g, 'owner ' || g, 1000, 0, CASE WHEN g % 3 = 0 THEN NULL"
                        + " ELSE repeat(md5(g::text), 100) END FROM generate_series(1, " + ACCOUNTS + ") g",
                "INSERT INTO items SELECT 'sku-' || g, g % 3, g, ARRAY['t' || g, NULL, 'q\"uote'] FROM generate_series(1, 30) g",
                "INSERT INTO logs SELECT '2026-01-01'::timestamptz + g * interval '1 minute', 'info', 'boot ' || g"
                        + " FROM generate_series(1, 10) g",
                "INSERT INTO logs VALUES ('2026-01-01', 'info', 'boot 1')"); // an exact duplicate row, no key
        StreamId stream = new StreamId("test", "workload");
        List<StreamEvent> events = new ArrayList<>();
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "20261125100000000")) {
            events.addAll(src.snapshot("public.accounts", "public.transfers", "public.items", "public.logs", "public.scratch"));
            events.addAll(workload(src, new Random(7), 360));
        }
        List<CloudEvent> delivery = Deliveries.shuffledWithDuplicates(Deliveries.cloudEvents(events, 4000), 0.3, 11);
        assertThat(delivery.stream().filter(e -> e.getExtension("partof") != null)).isNotEmpty();
        long lastTxSeq = events.stream().mapToLong(e -> e.position().txSeq()).max().orElseThrow();

        InvariantReader invariants = new InvariantReader(target, stream);
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            Thread reader = new Thread(invariants, "invariant-reader");
            reader.start();
            List<AcceptResult> results = Deliveries.deliver(apply, delivery, 4);
            assertThat(results).hasSize(delivery.size()).allMatch(AcceptResult::acknowledged);

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                    assertThat(apply.status(stream)).hasValueSatisfying(s -> assertThat(s.appliedTxSeq()).isEqualTo(lastTxSeq)));
            invariants.stop();
            reader.join();
            invariants.check(); // once more, on the final state

            assertThat(invariants.violations).isEmpty();
            assertThat(invariants.checks.get()).isPositive();
            assertThat(TableChecksums.of(PG.server(), target, "public")).isEqualTo(TableChecksums.of(PG.server(), source, "public"));
            assertThat(apply.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.pendingEvents()).isZero();
                assertThat(s.failure()).isNull();
                assertThat(s.missedRows()).isZero();
                assertThat(s.appliedRows()).containsKeys("public.accounts", "public.audit", "public.items");
            });

            // Late copies of anything (snapshot rows included) change nothing, whatever they carry.
            List<CloudEvent> late = new ArrayList<>(delivery);
            Collections.shuffle(late, new Random(3));
            List<AcceptResult> lateResults = Deliveries.deliver(apply, late.subList(0, 300), 4);
            assertThat(lateResults).allMatch(r -> r.outcome() == AcceptResult.Outcome.STALE
                    || r.outcome() == AcceptResult.Outcome.DUPLICATE);
            apply.applyPending(stream);
            assertThat(TableChecksums.of(PG.server(), target, "public")).isEqualTo(TableChecksums.of(PG.server(), source, "public"));
        }
    }

    /** Random source transactions; the audit table appears and items gains a column midway. */
    private static List<StreamEvent> workload(SourceRecorder src, Random random, int transactions) throws SQLException {
        List<StreamEvent> events = new ArrayList<>();
        AtomicInteger nextSku = new AtomicInteger(100);
        AtomicInteger nextScratch = new AtomicInteger(1);
        boolean audit = false;
        boolean price = false;
        for (int i = 0; i < transactions; i++) {
            if (i == transactions / 3) {
                src.ddl("CREATE TABLE audit (id serial PRIMARY KEY, account int, note text, at timestamptz DEFAULT now())");
                audit = true;
            }
            if (i == transactions / 2) {
                src.ddl("ALTER TABLE items ADD COLUMN price numeric(10,2)");
                price = true;
            }
            int kind = random.nextInt(100);
            boolean withAudit = audit;
            boolean withPrice = price;
            if (kind < 50) {
                int from = 1 + random.nextInt(ACCOUNTS);
                int to = 1 + (from + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                String amount = random.nextInt(10_000) / 100 + "." + String.format("%02d", random.nextInt(100));
                String memo = random.nextBoolean() ? "NULL" : "'memo " + i + "'";
                events.addAll(src.transaction(tx -> {
                    tx.update("public.accounts", "id = " + from, "balance = balance - " + amount + ", ops = ops + 1", "profile");
                    tx.update("public.accounts", "id = " + to, "balance = balance + " + amount + ", ops = ops + 1", "profile");
                    tx.insert("public.transfers", "INSERT INTO transfers (from_id, to_id, amount, memo) VALUES ("
                            + from + ", " + to + ", " + amount + ", " + memo + ")");
                    if (withAudit) {
                        tx.insert("public.audit", "INSERT INTO audit (account, note) VALUES (" + from + ", 'transfer')");
                    }
                }));
            } else if (kind < 60) {
                int id = 1 + random.nextInt(ACCOUNTS);
                String profile = random.nextInt(4) == 0 ? "NULL" : "repeat(md5('" + i + "'), " + (50 + random.nextInt(150)) + ")";
                events.addAll(src.transaction(tx -> tx.update("public.accounts", "id = " + id, "profile = " + profile)));
            } else if (kind < 75) {
                int sku = nextSku.getAndIncrement();
                events.addAll(src.transaction(tx -> {
                    tx.insert("public.items", "INSERT INTO items (sku, warehouse, qty, tags" + (withPrice ? ", price" : "")
                            + ") VALUES ('sku-" + sku + "', 1, " + sku + ", " + (sku % 2 == 0 ? "NULL" : "'{a,b,\"c d\"}'")
                            + (withPrice ? ", " + (sku % 3 == 0 ? "NULL" : sku + ".25") : "") + ")");
                    tx.update("public.items", "qty % 7 = " + (sku % 7), "qty = qty + 1");
                    if (sku % 4 == 0) { // key change: the row moves to another warehouse
                        tx.update("public.items", "sku = 'sku-" + (sku - 3) + "' AND warehouse < 100", "warehouse = warehouse + 100");
                    }
                    if (sku % 5 == 0) {
                        tx.delete("public.items", "sku = 'sku-" + (sku - 20) + "'");
                    }
                }));
            } else if (kind < 88) {
                events.addAll(src.transaction(tx -> {
                    tx.insert("public.logs", "INSERT INTO logs VALUES (now(), 'warn', 'event " + random.nextInt(5) + "')");
                    tx.update("public.logs", "msg = 'boot 1'", "level = 'debug'");
                    tx.delete("public.logs", "ctid = (SELECT min(ctid) FROM logs WHERE level = 'warn')");
                }));
            } else if (kind < 96) {
                int first = nextScratch.getAndAdd(3);
                events.addAll(src.transaction(tx -> tx.insert("public.scratch",
                        "INSERT INTO scratch SELECT g, 'v' || g FROM generate_series(" + first + ", " + (first + 2) + ") g")));
            } else {
                events.addAll(src.transaction(tx -> tx.truncate("public.scratch")));
            }
        }
        return events;
    }

    /** Checks the invariants on the target, each time inside one snapshot, while the apply runs. */
    private static final class InvariantReader implements Runnable {
        final String database;
        final StreamId stream;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger checks = new AtomicInteger();
        final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

        InvariantReader(String database, StreamId stream) {
            this.database = database;
            this.stream = stream;
        }

        void stop() {
            running.set(false);
        }

        @Override
        public void run() {
            while (running.get()) {
                try {
                    check();
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                } catch (SQLException e) {
                    // the tables do not exist yet: nothing to check
                }
            }
        }

        void check() throws SQLException {
            try (Connection c = PG.server().connect(database)) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                long applied;
                try (PreparedStatement ps = c.prepareStatement("SELECT applied_txseq FROM sgstream.apply_state WHERE stream = ?")) {
                    ps.setString(1, stream.toString());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || (applied = rs.getLong(1)) < 0) {
                            return; // snapshot still incomplete: tables are partial by design
                        }
                    }
                }
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT (SELECT sum(balance) FROM accounts), (SELECT sum(ops) FROM accounts),"
                             + " (SELECT count(*) FROM transfers), (SELECT count(*) FROM accounts)")) {
                    rs.next();
                    BigDecimal sum = rs.getBigDecimal(1);
                    long ops = rs.getLong(2);
                    long transfers = rs.getLong(3);
                    if (sum.compareTo(TOTAL) != 0 || ops != 2 * transfers || rs.getLong(4) != ACCOUNTS) {
                        violations.add("after txseq " + applied + ": sum " + sum + ", ops " + ops + ", transfers " + transfers);
                    }
                }
                c.commit();
                checks.incrementAndGet();
            }
        }
    }
}
