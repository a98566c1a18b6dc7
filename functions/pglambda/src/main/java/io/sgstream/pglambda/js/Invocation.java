package io.sgstream.pglambda.js;

import io.sgstream.pglambda.FunctionFailure;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One script run, raced by the thread running it (which finishes it) and the watchdog (which may cancel it):
 * whichever comes first wins, so a cancellation never hits the next event run in the same context.
 */
final class Invocation {

    record Cancellation(FunctionFailure.Reason reason, String message) {
    }

    private static final Cancellation FINISHED = new Cancellation(null, null);

    private final JsInstance instance;
    private final long threadId;
    private final long startNanos;
    private final long startAllocatedBytes;
    private final AtomicReference<Cancellation> end = new AtomicReference<>();

    Invocation(JsInstance instance, long threadId, long startNanos, long startAllocatedBytes) {
        this.instance = instance;
        this.threadId = threadId;
        this.startNanos = startNanos;
        this.startAllocatedBytes = startAllocatedBytes;
    }

    long threadId() {
        return threadId;
    }

    long startNanos() {
        return startNanos;
    }

    long startAllocatedBytes() {
        return startAllocatedBytes;
    }

    /** Called by the running thread when the script returned; false if the watchdog cancelled it first. */
    boolean finish() {
        return end.compareAndSet(null, FINISHED);
    }

    /** Called by the watchdog; cancels the context only if the script is still running. */
    void cancel(FunctionFailure.Reason reason, String message) {
        if (end.compareAndSet(null, new Cancellation(reason, message))) {
            instance.cancel();
        }
    }

    /** Why the watchdog stopped this run, or null if it did not. */
    Cancellation cancellation() {
        Cancellation c = end.get();
        return c == FINISHED ? null : c;
    }
}
