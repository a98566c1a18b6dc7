package io.sgstream.local;

import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.PostgresEndpoint;
import io.sgstream.event.StreamId;
import io.sgstream.local.wiring.StreamResume;
import io.sgstream.testing.PostgresExtension;
import io.sgstream.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.sgstream.local.KillAndResumeRunnerTest.scalar;
import static io.sgstream.local.KillAndResumeRunnerTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The runner (a child JVM) is killed with SIGKILL while its initial snapshot is copying a table, before the capture
 * committed any offset, with a workload changing that table and others all along, and started again. Nothing was
 * committed, so the second run takes a new snapshot in a new, greater epoch; the target must then be emptied and
 * copied again: in the end every table equals the source (no row of the cut-short snapshot left over, none twice,
 * none missing), every numbered workload transaction is there exactly once, and the primary keys dropped for the
 * snapshot are back. The source's credentials come from {@code SGSTREAM_SECRET_*} variables of the child's
 * environment (its {@code type: Postgres} section names the Secret).
 */
class KillDuringSnapshotRunnerTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    private static final int ACCOUNTS = 100;
    /** Large enough that its copy is still running when the test sees half of it on the target. */
    private static final int BIG_ROWS = 20_000;
    private static final StreamId STREAM = new StreamId("default", "kill-snapshot");

    @Test
    void runnerKilledDuringTheInitialSnapshotStartsOverInANewEpochAndEndsIdentical() throws Exception {
        String sourceDb = PG.createDatabase("snapsrc");
        String targetDb = PG.createDatabase("snaptgt");
        PG.execute(sourceDb, AuditWriter.schema(ACCOUNTS));
        PG.execute(sourceDb, "CREATE TABLE big (id int PRIMARY KEY, payload text NOT NULL)",
                "INSERT INTO big SELECT i, repeat(md5(i::text), 3) FROM generate_series(1, " + BIG_ROWS + ") i");
        Path work = Files.createDirectories(Path.of("target", "kill-during-snapshot"));
        Path log = work.resolve("runner-child.log");
        Files.deleteIfExists(log);
        Path stream = PostgresSourceStream.write(work.resolve("kill-snapshot.yaml"), STREAM.name(), "snapshot-source",
                PG.server().host(), PG.server().port(), sourceDb);
        Map<String, String> environment = Map.of("SGSTREAM_SECRET_SNAPSHOT_SOURCE_USERNAME", PostgresServer.USER,
                "SGSTREAM_SECRET_SNAPSHOT_SOURCE_PASSWORD", PostgresServer.PASSWORD);
        List<String> args = List.of("--stream", stream.toString(), "--port", "0", "--target-url", PG.jdbcUrl(targetDb),
                "--user", PostgresServer.USER, "--password", PostgresServer.PASSWORD);
        CaptureConfig offsets = CaptureConfig.builder(STREAM, new PostgresEndpoint(PG.server().host(), PG.server().port(),
                sourceDb, PostgresServer.USER, PostgresServer.PASSWORD)).build();

        // every transaction also updates, deletes and inserts rows of the table being copied
        AuditWriter writer = new AuditWriter(PG.server(), sourceDb, ACCOUNTS, n -> {
            List<String> sql = new ArrayList<>(List.of(
                    "UPDATE big SET payload = 'changed " + n + "' WHERE id = " + (1 + n * 7919 % BIG_ROWS),
                    "INSERT INTO big VALUES (" + (BIG_ROWS + n) + ", 'new " + n + "')"));
            if (3 * n <= BIG_ROWS) {
                sql.add("DELETE FROM big WHERE id = " + 3 * n);
            }
            return sql;
        });
        writer.start();
        Process child = ChildRunner.launch(with(args, "PT30M"), environment, log);
        try {
            Process first = child;
            // half-way: the capture has had many offset flush intervals in which it must not commit a position
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !first.isAlive() || bigRows(targetDb) >= BIG_ROWS / 2);
            assertThat(first.isAlive()).as("runner alive; log:%n%s", Files.readString(log)).isTrue();
            first.destroyForcibly(); // SIGKILL in the middle of the copy
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long copied = bigRows(targetDb);
            assertThat(StreamResume.committed(offsets)).as("no offset committed before the kill").isEmpty();
            assertThat(copied).as("rows of big copied when killed").isBetween(1L, BIG_ROWS - 1L);
            String killedEpoch = epoch(targetDb);
            assertThat(killedEpoch).isNotNull();

            // the second run: a new snapshot while the workload goes on, which stops during that snapshot, so what
            // the snapshot did not see is streamed after it
            long linesBefore = Files.readAllLines(log).size();
            child = ChildRunner.launch(with(args, "PT0S"), environment, log);
            Process second = child;
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !second.isAlive() || newEpochCopying(targetDb, killedEpoch));
            writer.stop();
            assertThat(second.waitFor(5, TimeUnit.MINUTES)).as("second run finished").isTrue();
            List<String> lines = Files.readAllLines(log);
            String output = String.join("\n", lines.subList((int) linesBefore, lines.size()));
            assertThat(second.exitValue()).as(output).isZero();
            assertThat(output).doesNotContain("RESUMING").contains("source = target: 3 tables");
            Matcher caughtUp = Pattern.compile("Caught up: transaction ([0-9,]+) acknowledged").matcher(output);
            assertThat(caughtUp.find()).as(output).isTrue();
            assertThat(Long.parseLong(caughtUp.group(1).replace(",", ""))).as("transactions streamed after the snapshot (0)")
                    .isPositive();
            assertThat(epoch(targetDb)).as("epoch after the restart").isGreaterThan(killedEpoch);
        } finally {
            writer.stop();
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }

        long n = writer.committed();
        assertThat(n).isGreaterThan(20);
        try (Connection t = PG.server().connect(targetDb); Connection s = PG.server().connect(sourceDb)) {
            assertThat(scalar(t, "SELECT count(*) FROM audit")).isEqualTo(n);
            assertThat(scalar(t, "SELECT count(DISTINCT n) FROM audit")).isEqualTo(n);
            assertThat(scalar(t, "SELECT max(n) FROM audit")).isEqualTo(n);
            assertThat(scalar(t, "SELECT sum(balance) FROM accounts")).isEqualTo(ACCOUNTS * AuditWriter.INITIAL_BALANCE);
            assertThat(scalar(t, "SELECT count(*) FROM big")).isEqualTo(scalar(s, "SELECT count(*) FROM big"));
            for (String sql : List.of(
                    "SELECT md5(string_agg(id || ':' || payload, ',' ORDER BY id)) FROM big",
                    "SELECT md5(string_agg(n || ':' || from_account || ':' || to_account || ':' || amount || ':' || at, ',' ORDER BY n)) FROM audit",
                    "SELECT md5(string_agg(id || ':' || balance, ',' ORDER BY id)) FROM accounts")) {
                assertThat(text(t, sql)).as(sql).isEqualTo(text(s, sql));
            }
            assertThat(scalar(t, "SELECT count(*) FROM pg_constraint WHERE contype = 'p'"
                    + " AND conrelid IN ('public.big'::regclass, 'public.audit'::regclass, 'public.accounts'::regclass)"))
                    .as("primary keys restored after the second snapshot").isEqualTo(3);
            assertThat(scalar(t, "SELECT count(*) FROM sgstream.staged_event WHERE epoch < (SELECT max(epoch) FROM sgstream.apply_state)"))
                    .as("staged events of the killed epoch").isZero();
        }
    }

    private static List<String> with(List<String> args, String duration) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--duration", duration));
        return all;
    }

    /** Rows in the target's copy of big; -1 before the apply created it. */
    private static long bigRows(String targetDb) {
        try (Connection c = PG.server().connect(targetDb)) {
            return scalar(c, "SELECT count(*) FROM public.big");
        } catch (SQLException e) {
            return -1;
        }
    }

    /** The target has moved to an epoch after {@code killed} and written rows of big in it. */
    private static boolean newEpochCopying(String targetDb, String killed) {
        String current = epoch(targetDb);
        return current != null && current.compareTo(killed) > 0 && bigRows(targetDb) > 0;
    }

    private static String epoch(String targetDb) {
        try (Connection c = PG.server().connect(targetDb)) {
            return epochOf(c);
        } catch (SQLException e) {
            return null;
        }
    }

    private static String epochOf(Connection c) throws SQLException {
        return text(c, "SELECT max(epoch) FROM sgstream.apply_state");
    }
}
