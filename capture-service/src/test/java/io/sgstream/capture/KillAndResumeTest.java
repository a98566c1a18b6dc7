package io.sgstream.capture;

import io.sgstream.event.Op;
import io.sgstream.event.PgValues;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.TransactionEnd;
import io.sgstream.testing.PostgresExtension;
import io.sgstream.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The capture runs as a child JVM ({@link CaptureMain}) and is killed with SIGKILL several times while a writer keeps
 * changing rows; each time it is started again. Every change arrives at least once, replayed events carry the same
 * ids and content, and the delivered stream equals the source: its change log, and its final state.
 */
class KillAndResumeTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    private static final int KILLS = 4;

    @Test
    void killedCaptureResumesWithIdenticalIdsAndLosesNothing() throws Exception {
        String db = PG.createDatabase("killresume");
        PG.execute(db,
                "CREATE TABLE items (id int PRIMARY KEY, v int NOT NULL, note text)",
                "INSERT INTO items SELECT i, 0, 'initial ' || i FROM generate_series(1, 50) i",
                "CREATE TABLE change_log (seq bigserial PRIMARY KEY, txid bigint NOT NULL DEFAULT txid_current(), "
                        + "op text NOT NULL, id int NOT NULL)",
                """
                CREATE FUNCTION log_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO change_log (op, id) VALUES (CASE TG_OP WHEN 'INSERT' THEN 'c' WHEN 'UPDATE' THEN 'u' ELSE 'd' END,
                                                          CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
                  RETURN NULL;
                END $$""",
                "CREATE TRIGGER items_log AFTER INSERT OR UPDATE OR DELETE ON items FOR EACH ROW EXECUTE FUNCTION log_change()");
        Path work = Files.createDirectories(Path.of("target", "kill-and-resume"));
        Path props = work.resolve("capture.properties");
        Path log = work.resolve("capture-child.log");
        Files.deleteIfExists(log);

        try (RecordingEndpoint endpoint = new RecordingEndpoint()) {
            Files.writeString(props, String.join("\n",
                    "sink.url=" + endpoint.url(),
                    "sink.max-in-flight=32",
                    "stream.namespace=test",
                    "stream.name=killresume",
                    "source.host=" + PG.server().host(),
                    "source.port=" + PG.server().port(),
                    "source.database=" + db,
                    "source.user=" + PostgresServer.USER,
                    "source.password=" + PostgresServer.PASSWORD,
                    "debezium.table.include.list=public\\\\.items",
                    "commit-interval-ms=200"));
            Writer writer = new Writer(db);
            Process child = launch(props, log);
            try {
                // the first commit fixes the epoch: from then on every restart resumes it
                await().atMost(Duration.ofSeconds(90)).until(() -> TestCaptures
                        .committedOffset(PG, db, "test/killresume").has("sgstream.txseq"));
                writer.start();
                Random random = new Random(42);
                for (int kill = 0; kill < KILLS; kill++) {
                    int before = endpoint.deliveries().size();
                    // kill mid-stream: once this run has delivered something, at a random moment
                    await().atMost(Duration.ofSeconds(90)).until(() -> endpoint.deliveries().size() > before + 5);
                    Thread.sleep(300 + random.nextInt(1500));
                    child.destroyForcibly();
                    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    child = launch(props, log);
                }
                writer.stop();
                // a last transaction after the writer: once it has arrived, everything before it has too
                PG.execute(db, "INSERT INTO items VALUES (-1, -1, 'the end')");
                await().atMost(Duration.ofSeconds(120)).until(() -> endpoint.events().stream()
                        .anyMatch(e -> e instanceof RowChange r && r.key().get("id").asInt() == -1));
                long lastTx = endpoint.events().stream().filter(e -> e instanceof RowChange r && r.key().get("id").asInt() == -1)
                        .mapToLong(e -> e.position().txSeq()).max().orElseThrow();
                await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.transactionEnd(lastTx) != null);
            } finally {
                writer.stop();
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }

            List<StreamEvent> events = endpoint.events(); // also fails if one id was delivered with two contents
            assertThat(events.stream().map(StreamEvent::epoch).collect(Collectors.toSet())).hasSize(1);
            assertThat(writer.transactions).isGreaterThan(20);
            long replayed = endpoint.deliveries().size() - endpoint.deliveries().stream()
                    .map(d -> d.event().getId()).distinct().count();
            assertThat(replayed).as("deliveries replayed after the kills").isPositive();
            assertGaplessAndComplete(events);
            try (Connection c = PG.server().connect(db)) {
                assertThat(streamedChanges(events)).isEqualTo(changeLog(c));
                assertThat(finalState(events)).isEqualTo(sourceState(c));
            }
        }
    }

    /** Starts {@link CaptureMain} as a child JVM on the test classpath, its output appended to {@code log}. */
    static Process launch(Path props, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp", System.getProperty("java.class.path"), CaptureMain.class.getName(), props.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    private static void assertGaplessAndComplete(List<StreamEvent> events) {
        Map<Long, Long> changesPerTx = new TreeMap<>();
        Map<Long, Long> declared = new TreeMap<>();
        for (StreamEvent e : events) {
            if (e instanceof TransactionEnd t) {
                declared.put(t.txSeq(), t.eventCount());
            } else {
                changesPerTx.merge(e.position().txSeq(), 1L, Long::sum);
            }
        }
        long last = declared.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(declared.keySet()).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(0, last).boxed().toList());
        declared.forEach((tx, count) -> assertThat(changesPerTx.getOrDefault(tx, 0L)).as("events of tx %d", tx).isEqualTo(count));
    }

    /** (txid, op, id) of every streamed change, in stream order. */
    private static List<String> streamedChanges(List<StreamEvent> events) {
        return events.stream().filter(e -> e instanceof RowChange r && r.op() != Op.READ && r.key().get("id").asInt() != -1)
                .map(e -> (RowChange) e)
                .map(r -> (r.txId() % 4294967296L) + " " + r.op().code() + " " + r.key().get("id").asInt())
                .toList();
    }

    private static List<String> changeLog(Connection c) throws Exception {
        List<String> log = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT txid % 4294967296, op, id FROM change_log WHERE id <> -1 ORDER BY seq")) {
            while (rs.next()) {
                log.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getInt(3));
            }
        }
        return log;
    }

    /** The table as the events describe it: snapshot rows, then each change applied in stream order. */
    private static Map<Integer, String> finalState(List<StreamEvent> events) {
        Map<Integer, String> rows = new TreeMap<>();
        for (StreamEvent e : events) {
            if (e instanceof RowChange r) {
                int id = r.key().get("id").asInt();
                switch (r.op()) {
                    case READ, CREATE, UPDATE -> rows.put(id, PgValues.toText(r.after().get("v")) + "|"
                            + PgValues.toText(r.after().get("note")));
                    case DELETE -> rows.remove(id);
                    case TRUNCATE -> rows.clear();
                }
            }
        }
        return rows;
    }

    private static Map<Integer, String> sourceState(Connection c) throws Exception {
        Map<Integer, String> rows = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, v::text, note FROM items")) {
            while (rs.next()) {
                rows.put(rs.getInt(1), rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return rows;
    }

    /** Keeps changing rows in small transactions of inserts, updates and deletes until stopped. */
    private static final class Writer {
        private final String db;
        private final AtomicBoolean running = new AtomicBoolean();
        private final Random random = new Random(7);
        private Thread thread;
        private volatile Throwable error;
        volatile int transactions;

        Writer(String db) {
            this.db = db;
        }

        void start() {
            running.set(true);
            thread = new Thread(this::run, "test-writer");
            thread.start();
        }

        private void run() {
            int nextId = 1000;
            try (Connection c = PG.server().connect(db); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                while (running.get()) {
                    int statements = 1 + random.nextInt(4);
                    for (int i = 0; i < statements; i++) {
                        int target = 1 + random.nextInt(60);
                        switch (random.nextInt(4)) {
                            case 0 -> s.execute("INSERT INTO items VALUES (" + nextId++ + ", 1, 'new')");
                            case 1 -> s.execute("DELETE FROM items WHERE id = " + target);
                            default -> s.execute("UPDATE items SET v = v + 1, note = 'upd " + random.nextInt(1000)
                                    + "' WHERE id = " + target + " OR id = " + (nextId - 1));
                        }
                    }
                    c.commit();
                    transactions++;
                    Thread.sleep(5 + random.nextInt(20));
                }
            } catch (Exception e) {
                error = e;
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(10_000);
            }
            assertThat(error).as("writer error").isNull();
        }
    }
}
