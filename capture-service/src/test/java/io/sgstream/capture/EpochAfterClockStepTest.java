package io.sgstream.capture;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.sink.EventSink;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A capture stopped during its first snapshot, before anything was acknowledged (so nothing was committed), and
 * started again with the clock an hour behind: consumers already saw the first snapshot's epoch, so the new
 * snapshot's epoch must sort after it all the same — the epoch each run reserves in the offset store, not the clock,
 * decides.
 */
class EpochAfterClockStepTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void aSnapshotRestartedWithTheClockSteppedBackStillTakesAGreaterEpoch() throws Exception {
        String db = PG.createDatabase("clockstep");
        PG.execute(db, "CREATE TABLE items (id int PRIMARY KEY, name text)",
                "INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 50) i");
        Instant now = Instant.now();
        CaptureConfig config = TestCaptures.config(PG, db, "clockstep").build();

        List<CloudEvent> unacknowledged = new CopyOnWriteArrayList<>();
        EventSink neverAcknowledges = new EventSink() {
            @Override
            public CompletableFuture<Void> send(CloudEvent event) {
                unacknowledged.add(event);
                return new CompletableFuture<>();
            }

            @Override
            public void close() {
            }
        };
        try (CaptureService first = new CaptureService(config, neverAcknowledges, new SimpleMeterRegistry(),
                Clock.fixed(now, ZoneOffset.UTC))) {
            first.start();
            await().atMost(Duration.ofSeconds(120)).until(() -> !unacknowledged.isEmpty());
        }
        assertThat(TestCaptures.committedOffset(PG, db, "test/clockstep").isEmpty()).as("nothing committed").isTrue();
        String firstEpoch = epochs(unacknowledged).iterator().next();

        List<CloudEvent> delivered = new CopyOnWriteArrayList<>();
        EventSink acknowledges = new EventSink() {
            @Override
            public CompletableFuture<Void> send(CloudEvent event) {
                delivered.add(event);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
            }
        };
        try (CaptureService second = new CaptureService(config, acknowledges, new SimpleMeterRegistry(),
                Clock.fixed(now.minus(Duration.ofHours(1)), ZoneOffset.UTC))) {
            second.start();
            await().atMost(Duration.ofSeconds(120)).until(() -> second.status().snapshotCompleted());
        }
        Set<String> secondEpochs = epochs(delivered);
        assertThat(secondEpochs).hasSize(1);
        assertThat(secondEpochs.iterator().next()).isGreaterThan(firstEpoch);
    }

    private static Set<String> epochs(List<CloudEvent> events) {
        return events.stream().map(e -> e.getId().substring(0, e.getId().indexOf('-'))).collect(Collectors.toSet());
    }
}
