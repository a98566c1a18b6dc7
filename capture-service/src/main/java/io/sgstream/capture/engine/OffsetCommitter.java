package io.sgstream.capture.engine;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Hands commit points released by the {@link AckTracker} to Debezium, from one thread of its own.
 *
 * <p>What was verified in Debezium 3.6.3 ({@code AsyncEmbeddedEngine.SourceRecordCommitter}): {@code markProcessed}
 * calls {@code task.commitRecord} and {@code OffsetStorageWriter.offset(partition, record.sourceOffset())}, so the
 * offset stored is exactly the map of the record marked last; {@code markProcessed(record, offsets)} marks a copy of
 * the record carrying the given offsets instead, which is how the stream position rides along with the LSN.
 * {@code markBatchFinished} flushes to the offset store when the commit policy ({@code offset.flush.interval.ms})
 * says so and then asks the task to confirm the LSN to the replication slot. The committer keeps two unsynchronized
 * counters, so only this thread may call it; the writer and the task's offset bookkeeping are synchronized, so
 * running beside the engine's own flushes (empty polls, shutdown) is safe.
 */
final class OffsetCommitter implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommitter.class);
    private static final long POLL_MILLIS = 200;

    private final AckTracker tracker;
    private final Consumer<StreamPosition> onAcknowledged;
    private volatile DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer;
    private volatile boolean running = true;
    private AckTracker.Committable pending;
    private Thread thread;

    OffsetCommitter(AckTracker tracker, Consumer<StreamPosition> onAcknowledged) {
        this.tracker = tracker;
        this.onAcknowledged = onAcknowledged;
    }

    /** The engine's committer, known from the first batch. */
    void attach(DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> engineCommitter) {
        if (committer == null) {
            committer = engineCommitter;
        }
    }

    void start(String name) {
        thread = new Thread(this, "sgstream-commit-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        while (running) {
            try {
                tracker.awaitCompletion(POLL_MILLIS);
                commitReleased();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Offset commit failed; retrying with the next acknowledgement: {}", e.toString());
            }
        }
    }

    /** Marks the newest released commit point and lets the engine flush it if its policy says so. */
    synchronized void commitReleased() throws InterruptedException {
        AckTracker.Committable released = tracker.takeCommittable();
        if (released != null) {
            pending = released;
        }
        DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> c = committer;
        if (c == null) {
            return;
        }
        if (pending != null) {
            @SuppressWarnings("unchecked")
            RecordChangeEvent<SourceRecord> record = (RecordChangeEvent<SourceRecord>) pending.commitToken();
            DebeziumEngine.Offsets offsets = c.buildOffsets();
            Map<String, Object> extended = pending.position() == null
                    ? new java.util.HashMap<>(record.record().sourceOffset())
                    : pending.position().addTo(record.record().sourceOffset());
            extended.forEach(offsets::set);
            c.markProcessed(record, offsets);
            if (pending.position() != null) {
                onAcknowledged.accept(pending.position());
            }
            pending = null;
        }
        // cheap when nothing is marked: the writer has no data and the policy keeps flushes apart
        c.markBatchFinished();
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
