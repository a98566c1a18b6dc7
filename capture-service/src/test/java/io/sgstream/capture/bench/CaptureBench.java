package io.sgstream.capture.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.CaptureService;
import io.sgstream.capture.CaptureState;
import io.sgstream.capture.CaptureStatus;
import io.sgstream.capture.PostgresEndpoint;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.capture.sink.HttpSinkConfig;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresServer;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Snapshot rows/s and streaming events/s through the whole capture (Debezium pgoutput, CloudEvents of the contract,
 * HttpEventSink with ordered acknowledgement and offset commits) into the no-op sink. The table is the one of
 * STACK.md's floor measurements: {@code (id int pk, name text, v int, note text)}.
 */
final class CaptureBench {

    private static final Duration PHASE_LIMIT = Duration.ofMinutes(15);

    private final NoOpSink sink;
    private final long rows;
    private final int smallTxRows;
    private final int window;

    CaptureBench(NoOpSink sink, long rows, int smallTxRows, int window) {
        this.sink = sink;
        this.rows = rows;
        this.smallTxRows = smallTxRows;
        this.window = window;
    }

    void run(BenchTable table) throws Exception {
        try (PostgresServer postgres = PostgresServer.startLogical()) {
            String db = postgres.createDatabase("bench");
            postgres.execute(db, "CREATE TABLE bench (id int PRIMARY KEY, name text, v int, note text)",
                    "INSERT INTO bench SELECT i, 'name ' || i, i, 'a note about row ' || i FROM generate_series(1, " + rows + ") i",
                    "VACUUM ANALYZE bench");
            PostgresEndpoint source = new PostgresEndpoint(postgres.host(), postgres.port(), db, PostgresServer.USER,
                    PostgresServer.PASSWORD);
            CaptureConfig config = CaptureConfig.builder(new StreamId("bench", "bench"), source)
                    .tableIncludeList("public\\.bench").build();
            // retryLimit 0: on loopback any failure is a fault to report, not something to retry past
            HttpSinkConfig sinkConfig = HttpSinkConfig.builder(sink.url()).maxInFlight(window).retryLimit(0).build();
            long receivedBefore = sink.received();
            try (HttpEventSink http = new HttpEventSink(sinkConfig, new SimpleMeterRegistry());
                 CaptureService capture = new CaptureService(config, http, new SimpleMeterRegistry())) {

                MemoryWatch.reset();
                long start = System.nanoTime();
                capture.start();
                awaitStatus(capture, s -> s.acknowledgedTxSeq() >= 0);
                table.add(new BenchTable.Row("capture: snapshot, " + rows + " rows (incl. start)", rows,
                        seconds(start)));

                MemoryWatch.reset();
                long events = capture.status().eventsCaptured();
                start = System.nanoTime();
                postgres.execute(db, "INSERT INTO bench SELECT i, 'name ' || i, i, 'a note about row ' || i "
                        + "FROM generate_series(" + (rows + 1) + ", " + (2 * rows) + ") i");
                long txSeq = 1;
                awaitCaught(capture, events + rows, txSeq);
                table.add(new BenchTable.Row("capture: streaming, " + rows + " inserts in 1 tx", rows,
                        seconds(start)));

                MemoryWatch.reset();
                long transactions = (rows + smallTxRows - 1) / smallTxRows;
                events = capture.status().eventsCaptured();
                start = System.nanoTime();
                // one server-side loop committing every few rows: the load generator is not what is measured
                postgres.execute(db, "DO $$ BEGIN FOR t IN 0.." + (transactions - 1) + " LOOP "
                        + "UPDATE bench SET v = v + 1 WHERE id > t * " + smallTxRows + " AND id <= LEAST((t + 1) * "
                        + smallTxRows + ", " + rows + "); COMMIT; END LOOP; END $$");
                awaitCaught(capture, events + rows, txSeq + transactions);
                table.add(new BenchTable.Row("capture: streaming, " + rows + " updates in " + transactions + " tx",
                        rows, seconds(start)));
            }
            long received = sink.received() - receivedBefore;
            long expected = 3 * rows + 2 + (rows + smallTxRows - 1) / smallTxRows; // changes + transaction ends
            if (received < expected) {
                throw new IllegalStateException("the sink received " + received + " events, expected at least " + expected);
            }
        }
    }

    private static void awaitCaught(CaptureService capture, long events, long txSeq) throws InterruptedException {
        awaitStatus(capture, s -> s.eventsCaptured() >= events && s.acknowledgedTxSeq() >= txSeq);
    }

    private static void awaitStatus(CaptureService capture, Predicate<CaptureStatus> done) throws InterruptedException {
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        while (true) {
            CaptureStatus s = capture.status();
            if (s.state() == CaptureState.FAILED) {
                throw new IllegalStateException("the capture failed: " + s.failure());
            }
            if (done.test(s)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("phase did not finish within " + PHASE_LIMIT + ": " + s);
            }
            Thread.sleep(10);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
