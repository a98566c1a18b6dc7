package io.sgstream.local.targets;

import io.sgstream.capture.CaptureStatus;

import java.io.PrintStream;

/**
 * What consumes a local stream's events: sgcluster-apply into a target database, or a PgLambda function. Each
 * registers itself as the subscriber its Trigger names, says when it has caught up, and reports the result.
 */
public interface StreamTarget extends AutoCloseable {

    /** What the target already holds of this stream when a run starts (e.g. after a killed run), or null. */
    default String resumedAt() {
        return null;
    }

    /** A short progress text for the live view. */
    String progress();

    /** Everything the capture acknowledged has had its effect (applied, or run through the function). */
    boolean caughtUp(CaptureStatus capture) throws Exception;

    /** Why the target stopped taking events, or null. */
    String failure();

    /** After a tombstone: the target finished the stream (e.g. sequences synchronized). */
    boolean completed();

    /** Prints the final result; returns the exit code (0: the target is what the source says it should be). */
    int report(PrintStream out, boolean caughtUp, boolean completed) throws Exception;

    @Override
    void close();
}
