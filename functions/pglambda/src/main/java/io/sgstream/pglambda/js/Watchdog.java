package io.sgstream.pglambda.js;

import io.sgstream.pglambda.FunctionFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Checks running scripts every few milliseconds and cancels those past their time limit or allocation budget.
 * Allocation is measured per thread (HotSpot's {@code ThreadMXBean.getThreadAllocatedBytes}): the thread running a
 * script does nothing else meanwhile, so what it allocated during the run is what the script cost.
 */
final class Watchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final long timeoutNanos;
    private final Duration timeout;
    private final long maxAllocatedBytes;
    private final com.sun.management.ThreadMXBean threads;
    private final Set<Invocation> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    Watchdog(JsOptions options) {
        this.timeout = options.timeout();
        this.timeoutNanos = options.timeout().toNanos();
        this.threads = allocationCounter(options.maxAllocatedBytes() > 0);
        this.maxAllocatedBytes = threads == null ? 0 : options.maxAllocatedBytes();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pglambda-watchdog");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, options.checkInterval().toMillis());
        timer.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    /** Whether the allocation budget is enforced on this JVM. */
    boolean enforcesAllocation() {
        return maxAllocatedBytes > 0;
    }

    Invocation start(JsInstance instance) {
        long thread = Thread.currentThread().getId();
        Invocation invocation = new Invocation(instance, thread, System.nanoTime(), allocated(thread));
        running.add(invocation);
        return invocation;
    }

    void end(Invocation invocation) {
        running.remove(invocation);
    }

    private void check() {
        long now = System.nanoTime();
        for (Invocation invocation : running) {
            try {
                if (now - invocation.startNanos() > timeoutNanos) {
                    invocation.cancel(FunctionFailure.Reason.TIMEOUT, "script ran longer than its time limit of "
                            + timeout.toMillis() + " ms and was stopped");
                } else if (maxAllocatedBytes > 0) {
                    long used = allocated(invocation.threadId()) - invocation.startAllocatedBytes();
                    if (used > maxAllocatedBytes) {
                        invocation.cancel(FunctionFailure.Reason.LIMIT, "script allocated more than its memory budget of "
                                + maxAllocatedBytes + " bytes for one event and was stopped");
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("watchdog check failed", e); // keep checking the others
            }
        }
    }

    private long allocated(long thread) {
        return threads == null ? 0 : threads.getThreadAllocatedBytes(thread);
    }

    private static com.sun.management.ThreadMXBean allocationCounter(boolean wanted) {
        if (!wanted) {
            return null;
        }
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported()) {
            if (!bean.isThreadAllocatedMemoryEnabled()) {
                bean.setThreadAllocatedMemoryEnabled(true);
            }
            return bean;
        }
        LOG.warn("this JVM cannot count allocated bytes per thread: the script memory budget is not enforced");
        return null;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
