package io.sgstream.local.view;

import io.sgstream.broker.BrokerStats;
import io.sgstream.capture.CaptureStatus;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The runner's progress line: snapshot per table, then events/s, in flight, acknowledged and applied positions,
 * lag and broker retries. On a terminal it redraws one line; otherwise it prints a line every few seconds.
 */
public final class LiveView {

    private final PrintStream out;
    private final boolean terminal;
    private final Instant started = Instant.now();
    private long lastEvents;
    private Instant lastAt = started;
    private Instant lastPrinted = Instant.EPOCH;
    private Instant snapshotStarted;
    private Instant snapshotDone;
    private long snapshotRows;
    private long events;
    private Instant lastEventAt;

    public LiveView(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** @param workloadTransactions transactions the workload committed so far, or -1 when none is running */
    public void update(CaptureStatus capture, String target, BrokerStats broker, long workloadTransactions) {
        Instant now = Instant.now();
        track(capture, now);
        double seconds = Math.max(0.001, Duration.between(lastAt, now).toMillis() / 1000.0);
        double rate = (capture.eventsCaptured() - lastEvents) / seconds;
        lastEvents = capture.eventsCaptured();
        lastAt = now;
        String line = String.format("%5ds %-9s %s | %,d events %,8.0f ev/s | in flight %,d | acked tx %,d | %s |%s retries %,d",
                Duration.between(started, now).toSeconds(), capture.state(), snapshot(capture), capture.eventsCaptured(),
                rate, capture.inFlight(), capture.acknowledgedTxSeq(), target,
                workloadTransactions < 0 ? "" : String.format(" source tx %,d |", workloadTransactions), retries(broker));
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            out.flush();
        } else if (Duration.between(lastPrinted, now).toSeconds() >= 5) {
            out.println(line);
            lastPrinted = now;
        }
    }

    private void track(CaptureStatus capture, Instant now) {
        long rows = capture.snapshotRows().values().stream().mapToLong(Long::longValue).sum();
        if (snapshotStarted == null && rows > 0) {
            snapshotStarted = now;
        }
        if (snapshotDone == null && capture.snapshotCompleted() && snapshotStarted != null) {
            snapshotDone = now;
            snapshotRows = rows;
        }
        if (capture.eventsCaptured() > events) {
            events = capture.eventsCaptured();
            lastEventAt = now;
        }
    }

    /**
     * Throughput of the run, measured at the view's ticks (so to about half a second): the snapshot's rows per
     * second from its first row to its end, and events per second from the start to the last event captured.
     */
    public String throughput() {
        StringBuilder sb = new StringBuilder();
        if (snapshotDone != null) {
            double s = Math.max(0.5, Duration.between(snapshotStarted, snapshotDone).toMillis() / 1000.0);
            sb.append(String.format("Snapshot: %,d rows in %.1f s, %,.0f rows/s%n", snapshotRows, s, snapshotRows / s));
        }
        if (lastEventAt != null) {
            double s = Math.max(0.5, Duration.between(snapshotStarted != null ? snapshotStarted : started, lastEventAt).toMillis() / 1000.0);
            sb.append(String.format("Events: %,d captured in %.1f s, %,.0f events/s%n", events, s, events / s));
        }
        return sb.toString();
    }

    /** Ends the redrawn line so that what follows starts on a fresh one. */
    public void finish() {
        if (terminal) {
            out.println();
        }
    }

    private static String snapshot(CaptureStatus capture) {
        long rows = capture.snapshotRows().values().stream().mapToLong(Long::longValue).sum();
        return (capture.snapshotCompleted() ? "snapshot done " : "snapshot ") + String.format("%,d rows", rows)
                + (capture.snapshotCompleted() ? "" : tables(capture.snapshotRows()));
    }

    private static String tables(Map<String, Long> rows) {
        StringBuilder sb = new StringBuilder(" [");
        rows.forEach((table, n) -> sb.append(sb.length() > 2 ? ", " : "").append(table).append(' ').append(String.format("%,d", n)));
        return sb.append(']').toString();
    }

    private static long retries(BrokerStats broker) {
        return broker.triggers().values().stream().mapToLong(t -> t.retried()).sum();
    }
}
