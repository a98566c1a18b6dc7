package io.sgstream.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.capture.sink.SinkDeliveryException;
import io.sgstream.event.EventAttributes;
import io.sgstream.event.RowChange;
import io.sgstream.event.TransactionEnd;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Events are sent concurrently and acknowledged in any order, yet the committed offset (and so the slot's confirmed
 * LSN) only moves to the end of transactions below which everything was acknowledged.
 */
class OrderedAcknowledgementTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void retriedAndSlowDeliveriesLoseNothingAndAHeldEventHoldsTheCommit() throws Exception {
        String db = PG.createDatabase("acks");
        PG.execute(db, "CREATE TABLE t (id int PRIMARY KEY, v int)",
                "INSERT INTO t SELECT i, 0 FROM generate_series(1, 20) i");
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        try (RecordingEndpoint endpoint = new RecordingEndpoint();
             HttpEventSink sink = TestCaptures.sink(endpoint, 16);
             CaptureService capture = new CaptureService(TestCaptures.config(PG, db, "acks").build(), sink,
                     new SimpleMeterRegistry())) {
            endpoint.respond(e -> {
                if (isChangeOfRow(e, 1000)) { // the event of row 1000 waits until the test releases it
                    held.countDown();
                    waitFor(release);
                    return 202;
                }
                sleep(ThreadLocalRandom.current().nextInt(0, 15)); // slow and uneven
                return failedOnce.add(e.getId()) ? 500 : 202; // every event fails once, then succeeds
            });
            capture.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(0) != null);
            for (int i = 1; i <= 10; i++) { // tx 1..10
                PG.execute(db, "UPDATE t SET v = v + 1 WHERE id <= " + (i * 2));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(10) != null);
            PG.execute(db, "INSERT INTO t VALUES (1000, 0)"); // tx 11: held
            for (int i = 0; i < 5; i++) { // tx 12..16, acknowledged while 11 is held
                PG.execute(db, "INSERT INTO t VALUES (" + (2000 + i) + ", 0), (" + (3000 + i) + ", 0)");
            }
            assertThat(held.await(60, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(16) != null);
            await().atMost(Duration.ofSeconds(60)).until(() -> capture.status().acknowledgedTxSeq() == 10);

            String heldLsn = heldEventLsn(endpoint);
            // while transactions 12..16 are acknowledged, the commit stays at the end of transaction 10
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode offset = committedOffset(db, "test/acks");
                return offset.get("sgstream.txseq").asLong() == 10
                        && lsnBelow(db, offset.get("lsn").asLong(), heldLsn)
                        && slotConfirmedBelow(db, "test_acks", heldLsn)
                        && capture.status().acknowledgedTxSeq() == 10;
            });
            assertThat(capture.status().inFlight()).isPositive();

            release.countDown();
            await().atMost(Duration.ofSeconds(60)).until(() -> committedOffset(db, "test/acks").get("sgstream.txseq").asLong() == 16);
            await().atMost(Duration.ofSeconds(60)).until(() -> !slotConfirmedBelow(db, "test_acks", heldLsn));
            assertThat(capture.status().acknowledgedTxSeq()).isEqualTo(16);
            assertThat(capture.status().lagMillis()).isNotNegative();

            List<RowChange> rows = endpoint.events().stream().filter(e -> e instanceof RowChange).map(e -> (RowChange) e).toList();
            assertThat(rows).hasSize(20 + IntStream.rangeClosed(1, 10).map(i -> i * 2).sum() + 1 + 10);
            for (long tx = 0; tx <= 16; tx++) {
                long txSeq = tx;
                assertThat(endpoint.transactionEnd(tx).eventCount())
                        .isEqualTo(rows.stream().filter(r -> r.position().txSeq() == txSeq).count());
            }
            assertThat(failedOnce).hasSizeGreaterThan(rows.size()); // every change (and every end) was retried
        }
    }

    @Test
    void anEventTheSinkRejectsStopsTheCaptureWithoutCommittingPastItAndIsDeliveredAfterARestart() throws Exception {
        String db = PG.createDatabase("rejects");
        PG.execute(db, "CREATE TABLE t (id int PRIMARY KEY, v int)");
        CaptureConfig config = TestCaptures.config(PG, db, "rejects").build();
        try (RecordingEndpoint endpoint = new RecordingEndpoint();
             HttpEventSink sink = TestCaptures.sink(endpoint, 16)) {
            endpoint.respond(e -> isChangeOfRow(e, 3) ? 400 : 202);
            CaptureService capture = new CaptureService(config, sink, new SimpleMeterRegistry());
            capture.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(0) != null);
            PG.execute(db, "INSERT INTO t VALUES (1, 0)", "INSERT INTO t VALUES (2, 0)");
            await().atMost(Duration.ofSeconds(60)).until(() -> capture.status().acknowledgedTxSeq() == 2);
            PG.execute(db, "INSERT INTO t VALUES (3, 0)", "INSERT INTO t VALUES (4, 0)");
            assertThatThrownBy(() -> capture.completion().get(60, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SinkDeliveryException.class);
            assertThat(capture.state()).isEqualTo(CaptureState.FAILED);
            assertThat(capture.failure()).get().isInstanceOf(SinkDeliveryException.class);
            assertThat(capture.status().failure()).contains("400");
            assertThat(committedOffset(db, "test/rejects").get("sgstream.txseq").asLong()).isEqualTo(2);
            capture.close();

            endpoint.respond(e -> 202);
            try (CaptureService again = new CaptureService(config, sink, new SimpleMeterRegistry())) {
                again.start();
                // transaction 3 was never acknowledged: it is sent again, and 4 after it (with the same ids)
                String idOfRow3 = capture.status().epoch() + "-3-1";
                await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.deliveries().stream()
                        .anyMatch(d -> d.event().getId().equals(idOfRow3)));
                await().atMost(Duration.ofSeconds(60)).until(() -> again.status().acknowledgedTxSeq() == 4);
                assertThat(again.status().epoch()).isEqualTo(capture.status().epoch());
                List<RowChange> rows = endpoint.events().stream().filter(e -> e instanceof RowChange)
                        .map(e -> (RowChange) e).toList();
                assertThat(rows).extracting(r -> r.key().get("id").asInt() + "@" + r.position().txSeq())
                        .containsExactly("1@1", "2@2", "3@3", "4@4");
            }
        }
    }

    @Test
    void stopWhileTheSinkHangsCommitsOnlyWhatWasAcknowledgedAndTheRestIsSentOnTheNextStart() throws Exception {
        String db = PG.createDatabase("hangstop");
        PG.execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
        CaptureConfig config = TestCaptures.config(PG, db, "hangstop").build();
        CountDownLatch unblock = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(1);
        try (RecordingEndpoint endpoint = new RecordingEndpoint(); HttpEventSink sink = TestCaptures.sink(endpoint, 4)) {
            CaptureService capture = new CaptureService(config, sink, new SimpleMeterRegistry());
            capture.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(0) != null);
            PG.execute(db, "INSERT INTO t VALUES (1)");
            await().atMost(Duration.ofSeconds(60)).until(() -> capture.status().acknowledgedTxSeq() == 1);
            endpoint.respond(e -> {
                arrived.countDown();
                waitFor(unblock); // the sink stops answering
                return 503;
            });
            PG.execute(db, "INSERT INTO t VALUES (2)", "INSERT INTO t VALUES (3)");
            assertThat(arrived.await(60, TimeUnit.SECONDS)).isTrue();
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(120), capture::stop);
            assertThat(capture.state()).isEqualTo(CaptureState.STOPPED);
            assertThat(committedOffset(db, "test/hangstop").get("sgstream.txseq").asLong()).isEqualTo(1);
            unblock.countDown();

            endpoint.respond(e -> 202);
            try (CaptureService again = new CaptureService(config, sink, new SimpleMeterRegistry())) {
                again.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(3) != null);
                assertThat(endpoint.events().stream().filter(e -> e instanceof RowChange).map(e -> (RowChange) e)
                        .map(r -> r.key().get("id").asInt() + "@" + r.position().txSeq()).toList())
                        .containsExactly("1@1", "2@2", "3@3");
            }
        }
    }

    private static boolean isChangeOfRow(CloudEvent e, int id) {
        return "t".equals(e.getExtension(EventAttributes.TABLE))
                && String.valueOf(e.getExtension(EventAttributes.PARTITION_KEY)).equals("public.t:{\"id\":" + id + "}");
    }

    private static String heldEventLsn(RecordingEndpoint endpoint) {
        // the held event is not acknowledged, so it is not among the deliveries: its transaction's neighbours are
        TransactionEnd previous = endpoint.transactionEnd(10);
        return previous.lsn();
    }

    static JsonNode committedOffset(String db, String stream) throws Exception {
        return TestCaptures.committedOffset(PG, db, stream);
    }

    /** {@code lsn} (a number) is at most the commit of transaction 10, which precedes the held change. */
    private static boolean lsnBelow(String db, long lsn, String commitOfPrevious) throws Exception {
        try (Connection c = PG.server().connect(db);
             PreparedStatement ps = c.prepareStatement("SELECT ?::pg_lsn <= ?::pg_lsn")) {
            ps.setString(1, Long.toHexString(lsn >>> 32) + "/" + Long.toHexString(lsn & 0xFFFFFFFFL));
            ps.setString(2, commitOfPrevious);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static boolean slotConfirmedBelow(String db, String slot, String commitOfPrevious) throws Exception {
        try (Connection c = PG.server().connect(db);
             PreparedStatement ps = c.prepareStatement(
                     "SELECT confirmed_flush_lsn <= ?::pg_lsn FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, commitOfPrevious);
            ps.setString(2, slot);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(300, TimeUnit.SECONDS); // released by the test; a timeout only guards against a hung test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
