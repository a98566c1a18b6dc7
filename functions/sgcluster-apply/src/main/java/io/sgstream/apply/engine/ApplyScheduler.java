package io.sgstream.apply.engine;

import io.sgstream.event.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the applier when there may be something to apply: after every staging commit that stored something
 * (so the delivery that completes a transaction triggers its apply) and from the periodic drain. Requests for a
 * stream coalesce: at most one apply of a stream runs in this process at a time, and a request that arrives
 * meanwhile makes it run once more, so nothing staged is overlooked. Across replicas the database lock in
 * {@link StreamApplier} serializes.
 */
public final class ApplyScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApplyScheduler.class);
    private static final long RETRY_DELAY_MS = 500;

    private final StreamApplier applier;
    private final ExecutorService workers;
    private final ScheduledExecutorService retries;
    private final Map<StreamId, Slot> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private static final class Slot {
        final StreamId stream;
        final AtomicBoolean requested = new AtomicBoolean();
        final AtomicBoolean running = new AtomicBoolean();

        Slot(StreamId stream) {
            this.stream = stream;
        }
    }

    public ApplyScheduler(StreamApplier applier, int threads) {
        this.applier = applier;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> daemon(r, "sgstream-apply-" + n.incrementAndGet()));
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sgstream-apply-retry"));
    }

    public void request(StreamId stream) {
        if (closed) {
            return;
        }
        Slot slot = slots.computeIfAbsent(stream, Slot::new);
        slot.requested.set(true);
        if (slot.running.compareAndSet(false, true)) {
            workers.execute(() -> run(slot));
        }
    }

    private void run(Slot slot) {
        try {
            while (!closed && slot.requested.getAndSet(false)) {
                StreamApplier.Result result = applier.applyOnce(slot.stream);
                if (result == StreamApplier.Result.MORE) {
                    slot.requested.set(true);
                } else if (result == StreamApplier.Result.RETRY && !closed) {
                    retries.schedule(() -> request(slot.stream), RETRY_DELAY_MS, TimeUnit.MILLISECONDS);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("applying stream {} failed unexpectedly", slot.stream, e);
        } finally {
            slot.running.set(false);
            // A request that came in after the loop's last check but before running was cleared: serve it.
            if (slot.requested.get() && !closed && slot.running.compareAndSet(false, true)) {
                workers.execute(() -> run(slot));
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops scheduling and waits for applies in progress (each is one transaction: it commits or rolls back). */
    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}
