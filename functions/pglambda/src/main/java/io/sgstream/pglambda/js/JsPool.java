package io.sgstream.pglambda.js;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The contexts scripts run in, reused event after event and bounded in number. A caller borrows one, runs the
 * script on its own thread and gives it back; a JavaScript context may be used by one thread at a time, and by
 * different threads one after the other. Running on the caller's thread rather than handing over to threads of our
 * own saves two thread switches per event (measured: about 40 us on two busy cores, more than the script costs).
 * Callers beyond the bound wait, which pushes back on the Broker instead of growing memory.
 */
final class JsPool implements AutoCloseable {

    private final Semaphore permits;
    private final ConcurrentLinkedDeque<JsInstance> idle = new ConcurrentLinkedDeque<>();
    private final Set<JsInstance> live = ConcurrentHashMap.newKeySet();
    private final Supplier<JsInstance> factory;
    private volatile boolean closed;

    JsPool(int size, Supplier<JsInstance> factory) {
        this.permits = new Semaphore(size);
        this.factory = factory;
    }

    /** A context for the calling thread, created if none is idle; waits while all are in use. */
    JsInstance borrow() throws InterruptedException {
        permits.acquire();
        try {
            if (closed) {
                throw new IllegalStateException("the function is closed");
            }
            JsInstance instance = idle.pollFirst(); // the most recently used: its code is the warmest
            if (instance == null) {
                instance = factory.get();
                live.add(instance);
            }
            return instance;
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    void giveBack(JsInstance instance) {
        if (closed) {
            live.remove(instance);
            instance.close();
        } else {
            idle.offerFirst(instance);
        }
        permits.release();
    }

    /** Closes a context that was cancelled or broke; a later borrower gets a fresh one. */
    void discard(JsInstance instance) {
        live.remove(instance);
        instance.close();
        permits.release();
    }

    @Override
    public void close() {
        closed = true;
        live.forEach(JsInstance::close);
        live.clear();
        idle.clear();
    }
}
