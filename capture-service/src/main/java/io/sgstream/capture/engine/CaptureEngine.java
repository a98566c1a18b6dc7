package io.sgstream.capture.engine;

import io.debezium.embedded.async.ConvertingAsyncEngineBuilderFactory;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.embedded.Connect;
import io.sgstream.capture.PostgresEndpoint;
import io.sgstream.capture.sink.EventSink;
import io.sgstream.capture.values.TableCatalog;
import io.sgstream.event.StreamId;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * One run of the Debezium async engine (Connect {@code SourceRecord} format, no serialization) wired to the event
 * pipeline: records are numbered, sent, tracked, and committed in order of acknowledgement.
 */
public final class CaptureEngine {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureEngine.class);

    /** What a run reports. */
    public interface Listener extends EventPipeline.Listener {
        /** Every event up to and including transaction {@code position} is acknowledged and handed to Debezium. */
        void acknowledged(StreamPosition position);
    }

    private final StreamId stream;
    private final AckTracker tracker = new AckTracker();
    private final OffsetCommitter committer;
    private final EventPipeline pipeline;
    private final TableCatalog catalog;
    private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private Thread thread;

    /**
     * @param committed          the position stored in the committed offset, null for a stream that never committed
     * @param committedCommitLsn the committed offset's {@code lsn_commit}, where the source resumes; may be null
     * @param reservedEpoch      the epoch a new snapshot of this run takes, reserved in the offset store
     */
    public CaptureEngine(StreamId stream, Properties debeziumProperties, PostgresEndpoint source, EventSink sink,
                         int maxEventBytes, StreamPosition committed, Long committedCommitLsn, String reservedEpoch,
                         Listener listener, Clock clock) {
        this.stream = stream;
        this.committer = new OffsetCommitter(tracker, listener::acknowledged);
        this.pipeline = new EventPipeline(sink, maxEventBytes, tracker, committer, listener);
        this.catalog = new TableCatalog(source);
        pipeline.sequencer(new TransactionSequencer(stream, new RowChangeFactory(stream, catalog), committed,
                committedCommitLsn, reservedEpoch, pipeline, clock));
        // the async engine, explicitly: it is the only engine of Debezium 3.x and we rely on its committer
        DebeziumEngine.Builder<RecordChangeEvent<SourceRecord>> builder = new ConvertingAsyncEngineBuilderFactory()
                .builder(ChangeEventFormat.of(Connect.class));
        this.engine = builder
                .using(debeziumProperties)
                .using((success, message, error) -> {
                    if (success && error == null) {
                        completion.complete(null);
                    } else {
                        completion.completeExceptionally(error != null ? error : new IllegalStateException(message));
                    }
                })
                .notifying(pipeline)
                .build();
    }

    public void start() {
        committer.start(stream.name());
        thread = new Thread(engine, "sgstream-capture-" + stream.name());
        thread.start();
    }

    /** Completes when the engine has stopped; exceptionally when it stopped on an error. */
    public CompletableFuture<Void> completion() {
        return completion;
    }

    public int inFlight() {
        return tracker.inFlight();
    }

    /**
     * Stops gracefully: no new events are sent, events in flight get up to {@code drain} to be acknowledged, the
     * last complete transaction is committed, then the engine stops (flushing that offset).
     */
    public void stop(Duration drain) {
        pipeline.stopAccepting();
        long deadline = System.nanoTime() + drain.toNanos();
        while (tracker.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                tracker.awaitCompletion(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (tracker.inFlight() > 0) {
            LOG.info("Stopping stream {} with {} events unacknowledged: they are sent again on the next start",
                    stream, tracker.inFlight());
        }
        committer.stop();
        try {
            committer.commitReleased();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Last offset commit of stream {} failed: {}", stream, e.toString());
        }
        closeEngine();
    }

    /**
     * Stops without waiting for events in flight (after a failure); commits what is acknowledged while the engine
     * still runs (an engine that failed by itself has closed its offset store already).
     */
    public void abort() {
        pipeline.stopAccepting();
        committer.stop();
        if (completion.isDone()) {
            closeEngine();
            return;
        }
        try {
            committer.commitReleased();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Last offset commit of stream {} failed: {}", stream, e.toString());
        }
        closeEngine();
    }

    private void closeEngine() {
        // the engine refuses to stop while its task starts (it would leak connections): wait for the start
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                engine.close();
                break;
            } catch (IllegalStateException e) {
                if (!String.valueOf(e.getMessage()).contains("starting") || System.nanoTime() > deadline) {
                    LOG.debug("Engine of stream {} is stopping or stopped already: {}", stream, e.getMessage());
                    break;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Closing the engine of stream {} failed: {}", stream, e.toString());
                break;
            }
        }
        if (thread != null && Thread.currentThread() != thread) {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        catalog.close();
    }
}
