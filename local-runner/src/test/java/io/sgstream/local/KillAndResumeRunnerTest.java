package io.sgstream.local;

import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.PostgresEndpoint;
import io.sgstream.event.StreamId;
import io.sgstream.local.wiring.StreamResume;
import io.sgstream.testing.PostgresExtension;
import io.sgstream.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acceptance 3b: the whole runner (capture, broker, apply in one JVM) is killed with SIGKILL mid-stream, twice, while
 * a workload runs, and started again against the same two databases. Every workload transaction inserts a uniquely
 * numbered audit row and moves money between accounts: after the last run caught up, the target holds every number
 * exactly once, the same accounts, and the same total.
 */
class KillAndResumeRunnerTest {

    @RegisterExtension
    static final PostgresExtension SOURCE = PostgresExtension.shared();
    @RegisterExtension
    static final PostgresExtension TARGET = PostgresExtension.dedicated();

    private static final int ACCOUNTS = 200;
    private static final int KILLS = 2;
    private static final StreamId STREAM = new StreamId("default", "kill-resume");

    @Test
    void runnerKilledMidStreamResumesAndLosesOrDuplicatesNothing() throws Exception {
        String sourceDb = SOURCE.createDatabase("killsrc");
        String targetDb = TARGET.createDatabase("killtgt");
        SOURCE.execute(sourceDb, AuditWriter.schema(ACCOUNTS));
        Path work = Files.createDirectories(Path.of("target", "kill-and-resume-runner"));
        Path log = work.resolve("runner-child.log");
        Files.deleteIfExists(log);
        // a stream name of its own (replication slots are per server); its Triggers are built from the SGStream
        Path stream = work.resolve("kill-resume.yaml");
        Files.writeString(stream, Files.readString(Path.of("../knative/examples/local-demo.yaml")).replace("local-demo", "kill-resume"));
        List<String> args = List.of("--stream", stream.toString(), "--port", "0",
                "--source-url", SOURCE.jdbcUrl(sourceDb), "--target-url", TARGET.jdbcUrl(targetDb),
                "--user", PostgresServer.USER, "--password", PostgresServer.PASSWORD);
        PostgresEndpoint source = new PostgresEndpoint(SOURCE.server().host(), SOURCE.server().port(), sourceDb,
                PostgresServer.USER, PostgresServer.PASSWORD);
        CaptureConfig offsets = CaptureConfig.builder(STREAM, source).build();

        AuditWriter writer = new AuditWriter(SOURCE.server(), sourceDb, ACCOUNTS, n -> List.of());
        Process first = launch(args, "PT30M", log);
        Process child = first;
        int linesBefore = 0;
        try {
            // killed before its first offset commit the stream would simply start over; kill it once it is streaming
            await().atMost(Duration.ofMinutes(3)).until(() -> !first.isAlive() || StreamResume.committed(offsets).isPresent());
            assertThat(first.isAlive()).as("runner alive; log:%n%s", Files.readString(log)).isTrue();
            writer.start();
            Random random = new Random(11);
            for (int kill = 1; kill <= KILLS; kill++) {
                long appliedBefore = applied(targetDb);
                Process running = child;
                await().atMost(Duration.ofMinutes(3)).until(() -> !running.isAlive() || applied(targetDb) > appliedBefore + 20);
                assertThat(running.isAlive()).as("runner alive; log:%n%s", Files.readString(log)).isTrue();
                Thread.sleep(200 + random.nextInt(1000));
                child.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                if (kill < KILLS) {
                    child = launch(args, "PT30M", log);
                }
            }
            writer.stop();
            assertThat(writer.committed()).isGreaterThan(50);
            // the last run: no more workload, catch up, verify, exit
            linesBefore = Files.readAllLines(log).size();
            child = launch(args, "PT0S", log);
            assertThat(child.waitFor(10, TimeUnit.MINUTES)).as("last run finished").isTrue();
            List<String> lastRun = Files.readAllLines(log);
            String lastOutput = String.join("\n", lastRun.subList(linesBefore, lastRun.size()));
            assertThat(child.exitValue()).as(lastOutput).isZero();
            assertThat(lastOutput).contains("RESUMING stream default/kill-resume", "the target applied up to transaction",
                    "source = target: 2 tables");
        } finally {
            writer.stop();
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }

        String all = Files.readString(log);
        assertThat(all.split("RESUMING stream", -1)).as("every restart resumed").hasSize(KILLS + 1);
        long n = writer.committed();
        try (Connection t = TARGET.server().connect(targetDb); Connection s = SOURCE.server().connect(sourceDb)) {
            assertThat(scalar(t, "SELECT count(*) FROM audit")).isEqualTo(n);
            assertThat(scalar(t, "SELECT count(DISTINCT n) FROM audit")).isEqualTo(n);
            assertThat(scalar(t, "SELECT min(n) FROM audit")).isEqualTo(1);
            assertThat(scalar(t, "SELECT max(n) FROM audit")).isEqualTo(n);
            assertThat(scalar(t, "SELECT sum(balance) FROM accounts")).isEqualTo(ACCOUNTS * AuditWriter.INITIAL_BALANCE);
            assertThat(scalar(t, "SELECT count(*) FROM accounts")).isEqualTo(ACCOUNTS);
            String rows = "SELECT md5(string_agg(n || ':' || from_account || ':' || to_account || ':' || amount || ':' || at, ',' ORDER BY n)) FROM audit";
            String balances = "SELECT md5(string_agg(id || ':' || balance, ',' ORDER BY id)) FROM accounts";
            assertThat(text(t, rows)).isEqualTo(text(s, rows));
            assertThat(text(t, balances)).isEqualTo(text(s, balances));
        }
    }

    private static Process launch(List<String> args, String duration, Path log) throws IOException {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--duration", duration));
        return ChildRunner.launch(all, Map.of(), log);
    }

    /** The target's applied mark for the stream, -1 before the apply made its tables. */
    private static long applied(String targetDb) {
        try (Connection c = TARGET.server().connect(targetDb)) {
            return scalar(c, "SELECT coalesce(max(applied_txseq), -1) FROM sgstream.apply_state");
        } catch (SQLException e) {
            return -1;
        }
    }

    static long scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
