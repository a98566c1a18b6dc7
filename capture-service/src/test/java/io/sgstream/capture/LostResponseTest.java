package io.sgstream.capture;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.capture.sink.HttpSinkConfig;
import io.sgstream.event.EventAttributes;
import io.sgstream.event.RowChange;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sink that takes a request and never answers (a lost response, a half-open connection) must not stall the
 * stream: the read timeout ends the attempt, the event is sent again, and until it is acknowledged the committed
 * offset stays before it.
 */
class LostResponseTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void anUnansweredRequestTimesOutAndIsRetriedWithoutCommittingPastIt() throws Exception {
        String db = PG.createDatabase("lostresponse");
        PG.execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
        CountDownLatch never = new CountDownLatch(1); // released only when the test ends
        CountDownLatch retried = new CountDownLatch(1);
        CountDownLatch releaseRetry = new CountDownLatch(1);
        AtomicInteger attemptsOfRow2 = new AtomicInteger();
        SimpleMeterRegistry sinkMetrics = new SimpleMeterRegistry();
        try (RecordingEndpoint endpoint = new RecordingEndpoint();
             HttpEventSink sink = new HttpEventSink(HttpSinkConfig.builder(endpoint.url()).maxInFlight(16)
                     .readTimeout("PT1S").retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build(),
                     sinkMetrics);
             CaptureService capture = new CaptureService(TestCaptures.config(PG, db, "lostresponse").build(), sink,
                     new SimpleMeterRegistry())) {
            try {
                capture.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(0) != null);
                PG.execute(db, "INSERT INTO t VALUES (1)");
                await().atMost(Duration.ofSeconds(60)).until(() -> capture.status().acknowledgedTxSeq() == 1);

                endpoint.respond(e -> {
                    if (!isChangeOfRow(e, 2)) {
                        return 202;
                    }
                    if (attemptsOfRow2.incrementAndGet() == 1) {
                        block(never); // the request was read; no answer ever comes on this connection
                        return 202;
                    }
                    retried.countDown();
                    block(releaseRetry); // the retry is held so the test can look at the offsets meanwhile
                    return 202;
                });
                PG.execute(db, "INSERT INTO t VALUES (2)", "INSERT INTO t VALUES (3)", "INSERT INTO t VALUES (4)");

                assertThat(retried.await(60, TimeUnit.SECONDS)).as("the unanswered event is sent again").isTrue();
                Counter timeouts = sinkMetrics.find("sgstream.sink.retries").tag("cause", "timeout").counter();
                assertThat(timeouts).isNotNull();
                assertThat(timeouts.count()).isGreaterThanOrEqualTo(1);
                await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(4) != null);
                // transactions 3 and 4 are acknowledged, yet nothing is committed past transaction 1
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(60)).until(() ->
                        TestCaptures.committedOffset(PG, db, "test/lostresponse").path("sgstream.txseq").asLong() == 1
                                && capture.status().acknowledgedTxSeq() == 1);

                releaseRetry.countDown();
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        TestCaptures.committedOffset(PG, db, "test/lostresponse").path("sgstream.txseq").asLong() == 4);
                List<String> rows = endpoint.events().stream().filter(e -> e instanceof RowChange)
                        .map(e -> (RowChange) e).map(r -> r.key().get("id").asInt() + "@" + r.position().txSeq())
                        .toList();
                assertThat(rows).containsExactly("1@1", "2@2", "3@3", "4@4");
                assertThat(attemptsOfRow2.get()).isGreaterThanOrEqualTo(2);
            } finally {
                never.countDown();
                releaseRetry.countDown();
            }
        }
    }

    private static boolean isChangeOfRow(CloudEvent e, int id) {
        return "t".equals(e.getExtension(EventAttributes.TABLE))
                && String.valueOf(e.getExtension(EventAttributes.PARTITION_KEY)).equals("public.t:{\"id\":" + id + "}");
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
