package io.sgstream.apply.testing;

import io.sgstream.apply.SgClusterApply;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresServer;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The waits the apply's tests share, for what the apply records in the target database. Each allows
 * {@link #PIPELINE}: PostgreSQL work (and, end to end, Debezium's) on a 2-core CI machine that runs other builds too.
 */
public final class ApplyWaits {

    public static final Duration PIPELINE = Duration.ofSeconds(120);

    private ApplyWaits() {
    }

    /** Until the apply has recorded the end of the stream's snapshot. */
    public static void snapshotComplete(SgClusterApply apply, StreamId stream) {
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(apply.position(stream))
                .hasValueSatisfying(s -> assertThat(s.snapshotComplete()).isTrue()));
    }

    /** Until the apply has recorded the stream as completed (its tombstone applied). */
    public static void completed(SgClusterApply apply, StreamId stream) {
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(apply.position(stream))
                .hasValueSatisfying(s -> assertThat(s.completed()).isTrue()));
    }

    /** Until every table of {@code schema} has the same checksum in {@code target} as in {@code source}. */
    public static void targetEqualsSource(PostgresServer server, String source, String target, String schema) {
        await().atMost(PIPELINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(TableChecksums.of(server, target, schema)).isEqualTo(TableChecksums.of(server, source, schema)));
    }
}
