package io.sgstream.capture;

import io.sgstream.event.StreamEvent;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
        ChangeLog.create(PG, db, 50);
        Path work = Files.createDirectories(Path.of("target", "kill-and-resume"));
        Path props = work.resolve("capture.properties");
        Path log = work.resolve("capture-child.log");
        Files.deleteIfExists(log);

        try (RecordingEndpoint endpoint = new RecordingEndpoint()) {
            Files.writeString(props, CaptureChild.settings(endpoint, PG, db, "killresume"));
            ItemsWriter writer = ItemsWriter.pausingBetweenTransactions(PG, db, 7, 1000);
            Process child = CaptureChild.launch(props, log);
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
                    child = CaptureChild.launch(props, log);
                }
                writer.stop();
                // a last transaction after the writer: once it has arrived, everything before it has too
                ChangeLog.writeTheEndAndAwaitIt(PG, db, endpoint);
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
            ChangeLog.assertGaplessAndComplete(events);
            try (Connection c = PG.server().connect(db)) {
                assertThat(ChangeLog.streamedChanges(events)).isEqualTo(ChangeLog.read(c));
                assertThat(ChangeLog.finalState(events)).isEqualTo(ChangeLog.sourceState(c));
            }
        }
    }
}
