package io.sgstream.local.targets;

import io.micrometer.core.instrument.MeterRegistry;
import io.sgstream.apply.ApplyConfig;
import io.sgstream.apply.SgClusterApply;
import io.sgstream.apply.status.StreamStatus;
import io.sgstream.broker.delivery.SubscriberRegistry;
import io.sgstream.capture.CaptureStatus;
import io.sgstream.event.StreamId;
import io.sgstream.local.verify.SourceTargetVerifier;
import io.sgstream.local.wiring.ApplySubscriber;
import io.sgstream.local.wiring.Databases;

import java.io.PrintStream;
import java.sql.Connection;

/** An SGCluster target: sgcluster-apply, subscribed as {@code <stream>-apply}, verified table by table. */
public final class ApplyTarget implements StreamTarget {

    private final SgClusterApply apply;
    private final StreamId id;
    private final Databases databases;

    public ApplyTarget(StreamId id, Databases databases, MeterRegistry registry, SubscriberRegistry subscribers) {
        this.id = id;
        this.databases = databases;
        this.apply = SgClusterApply.start(ApplyConfig.forTarget(databases.target().jdbcUrl(), databases.target().user(),
                databases.target().password()), registry);
        subscribers.register(id.name() + "-apply", new ApplySubscriber(apply));
    }

    @Override
    public String resumedAt() {
        try {
            return apply.position(id).map(p -> String.format("the target applied up to transaction %,d of epoch %s%s",
                    p.appliedTxSeq(), p.epoch(), p.failure() == null ? "" : " and failed: " + p.failure())).orElse(null);
        } catch (Exception e) {
            return null;
        }
    }

    private StreamStatus status() {
        try {
            return apply.status(id).orElse(null);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public String progress() {
        StreamStatus a = status();
        return a == null ? "applied tx - " : String.format("applied tx %,d (pending %,d) | lag %s", a.appliedTxSeq(),
                a.pendingEvents(), a.lag() == null ? "-" : a.lag().toMillis() + " ms");
    }

    @Override
    public boolean caughtUp(CaptureStatus c) throws Exception {
        StreamStatus a = status();
        return a != null && a.failure() == null && a.pendingEvents() == 0 && a.appliedTxSeq() == c.acknowledgedTxSeq()
                && identical(false).identical();
    }

    @Override
    public String failure() {
        StreamStatus a = status();
        return a == null ? null : a.failure();
    }

    @Override
    public boolean completed() {
        StreamStatus a = status();
        return a != null && a.completed();
    }

    private SourceTargetVerifier.Report identical(boolean sequences) throws Exception {
        try (Connection s = databases.source().connect("sgstream-verify"); Connection t = databases.target().connect("sgstream-verify")) {
            return SourceTargetVerifier.compare(s, t, sequences);
        }
    }

    /** Sequences are compared once a tombstone synchronized them: streaming never carries them. */
    @Override
    public int report(PrintStream out, boolean caughtUp, boolean completed) throws Exception {
        SourceTargetVerifier.Report report = identical(completed);
        out.println();
        out.println("Verification (row count and order-independent checksum per table):");
        report.tables().forEach(tc -> out.printf("  %-28s %,10d rows  checksum %s%n", tc.table(), tc.rows(), tc.checksum()));
        if (report.identical()) {
            out.printf("source = target: %d tables, %,d rows identical%s%n", report.tables().size(), report.rows(),
                    completed ? ", " + report.sequences() + " sequences equal" : "");
            return caughtUp ? 0 : 1;
        }
        out.println("source != target:");
        report.differences().forEach(d -> out.println("  " + d));
        return 1;
    }

    @Override
    public void close() {
        apply.close();
    }
}
