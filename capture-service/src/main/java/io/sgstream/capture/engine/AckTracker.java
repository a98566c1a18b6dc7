package io.sgstream.capture.engine;

import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ordered acknowledgement: events are sent many at a time and acknowledged in any order, but a commit point is
 * released only when every event before it is acknowledged.
 *
 * <p>Events are counted in the open segment; a {@linkplain #close boundary} closes it with its commit token. The
 * oldest closed segments whose events are all acknowledged can be {@linkplain #takeCommittable taken}: the newest of
 * them is the commit point. A failed event is never acknowledged, so nothing after it is ever released.
 *
 * <p>Memory stays bounded by the unacknowledged events, not by the transactions behind a slow one: a boundary with
 * no events of its own moves the previous segment's commit point forward, and a closed segment that is complete
 * but still waiting for an older one is folded into the next (its commit point is then released with the next).
 *
 * <p>{@link #track} and {@link #close} are called from the engine's record thread, acknowledgements from any thread.
 */
public final class AckTracker {

    /** A run of events ending at a commit point. */
    public static final class Segment {
        private final AtomicInteger pending = new AtomicInteger();
        private Object commitToken;
        private StreamPosition position;

        boolean complete() {
            return pending.get() == 0;
        }
    }

    /** A commit point whose events are all acknowledged. */
    public record Committable(Object commitToken, StreamPosition position) {
    }

    private final ArrayDeque<Segment> closed = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Semaphore completions = new Semaphore(0);
    private Segment open = new Segment();

    /** Counts one event (or one part of a split event) about to be sent; acknowledge it on the returned segment. */
    public Segment track() {
        open.pending.incrementAndGet();
        inFlight.incrementAndGet();
        return open;
    }

    public void acknowledged(Segment segment) {
        inFlight.decrementAndGet();
        if (segment.pending.decrementAndGet() == 0) {
            completions.release();
        }
    }

    /** The event will never be acknowledged: its segment (and everything after it) stays uncommitted. */
    public void failed(Segment segment) {
        inFlight.decrementAndGet();
    }

    /** Everything tracked so far ends at {@code commitToken}, which reaches {@code position}. */
    public void close(Object commitToken, StreamPosition position) {
        Segment segment = open;
        segment.commitToken = commitToken;
        segment.position = position;
        synchronized (closed) {
            Segment last = closed.peekLast();
            if (last != null && segment.complete()) {
                // no events of its own: it may be committed exactly when the previous one can
                last.commitToken = commitToken;
                last.position = position;
            } else {
                if (last != null && last.complete() && closed.size() > 1) {
                    // complete but waiting for an older segment: let this one carry it
                    closed.pollLast();
                }
                closed.addLast(segment);
            }
        }
        open = new Segment();
        if (segment.complete()) {
            completions.release();
        }
    }

    /** The newest commit point all of whose events (and all before) are acknowledged, or null. */
    public Committable takeCommittable() {
        Segment latest = null;
        synchronized (closed) {
            while (!closed.isEmpty() && closed.peekFirst().complete()) {
                latest = closed.pollFirst();
            }
            return latest == null ? null : new Committable(latest.commitToken, latest.position);
        }
    }

    /** Waits until an acknowledgement may have released a commit point, at most {@code millis}. */
    public void awaitCompletion(long millis) throws InterruptedException {
        if (completions.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
            completions.drainPermits();
        }
    }

    /** Events sent and not yet acknowledged (nor failed). */
    public int inFlight() {
        return inFlight.get();
    }
}
