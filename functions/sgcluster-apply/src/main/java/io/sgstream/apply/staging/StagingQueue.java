package io.sgstream.apply.staging;

import io.sgstream.apply.AcceptResult;
import io.sgstream.apply.AcceptResult.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for concurrent deliveries: each request enqueues its event and waits; a few staging threads take
 * whatever is queued (up to a batch) and stage it in one transaction. Under load, one commit acknowledges many
 * events; when idle, an event is staged as soon as it arrives. A full queue answers "overloaded" (429, retried by
 * Knative) rather than blocking the HTTP event loop.
 */
public final class StagingQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StagingQueue.class);

    private record Pending(IncomingEvent event, CompletableFuture<AcceptResult> result) {
    }

    private final BlockingQueue<Pending> queue;
    private final Stager stager;
    private final int batchEvents;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    public StagingQueue(Stager stager, int threads, int batchEvents, int capacity) {
        this.stager = stager;
        this.batchEvents = batchEvents;
        this.queue = new ArrayBlockingQueue<>(capacity);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::run, "sgstream-staging-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
    }

    public CompletableFuture<AcceptResult> submit(IncomingEvent event) {
        CompletableFuture<AcceptResult> result = new CompletableFuture<>();
        if (closed) {
            result.complete(AcceptResult.refused(Outcome.UNAVAILABLE, event.id(), "shutting down"));
        } else if (!queue.offer(new Pending(event, result))) {
            result.complete(AcceptResult.refused(Outcome.OVERLOADED, event.id(),
                    "too many events waiting to be staged (" + queue.size() + "); retry later"));
        }
        return result;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchEvents);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchEvents - 1);
                stageBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
    }

    private void stageBatch(List<Pending> batch) {
        List<IncomingEvent> events = new ArrayList<>(batch.size());
        batch.forEach(p -> events.add(p.event()));
        try {
            List<AcceptResult> results = stager.stage(events);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException e) { // the stager reports failures as results; this is a bug, but answer anyway
            LOG.error("staging a batch failed", e);
            batch.forEach(p -> p.result().complete(AcceptResult.refused(Outcome.FAILED, p.event().id(), String.valueOf(e))));
        }
    }

    /** Stops taking events; those already queued are still staged. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : workers) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.result().complete(AcceptResult.refused(Outcome.UNAVAILABLE, left.event().id(), "shutting down"));
        }
    }
}
