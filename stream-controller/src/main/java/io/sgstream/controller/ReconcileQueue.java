package io.sgstream.controller;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream keys ({@code namespace/name}) waiting to be reconciled, handled one at a time by one thread. A key
 * added while it waits is not added twice (ten events about one stream cause one pass); a pass that fails is
 * retried after a delay that doubles up to {@link #MAX_DELAY}.
 */
final class ReconcileQueue implements AutoCloseable {

    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileQueue.class);

    private final Consumer<String> work;
    private final LinkedHashSet<String> pending = new LinkedHashSet<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "sgstream-retry"));
    private final Thread worker;
    private volatile boolean closed;

    ReconcileQueue(Consumer<String> work) {
        this.work = work;
        this.worker = daemon(this::run, "sgstream-reconcile");
        worker.start();
    }

    synchronized void add(String key) {
        if (!closed && pending.add(key)) {
            notifyAll();
        }
    }

    private synchronized String take() throws InterruptedException {
        while (pending.isEmpty() && !closed) {
            wait();
        }
        if (closed) {
            return null;
        }
        String key = pending.iterator().next();
        pending.remove(key);
        return key;
    }

    private void run() {
        try {
            for (String key = take(); key != null; key = take()) {
                try {
                    work.accept(key);
                    synchronized (this) {
                        failures.remove(key);
                    }
                } catch (RuntimeException e) {
                    if (closed) {
                        return; // interrupted by close(): the next leader reconciles everything anyway
                    }
                    retryLater(key, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void retryLater(String key, RuntimeException e) {
        int attempt;
        synchronized (this) {
            attempt = failures.merge(key, 1, Integer::sum);
        }
        long delay = Math.min(MAX_DELAY.toMillis(), FIRST_DELAY.toMillis() << Math.min(attempt - 1, 20));
        LOG.warn("SGStream {}: reconciliation failed (attempt {}), retrying in {} ms: {}", key, attempt, delay,
                e.toString());
        if (!closed) {
            retries.schedule(() -> add(key), delay, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        retries.shutdownNow();
        worker.interrupt();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
