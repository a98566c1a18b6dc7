package io.sgstream.capture;

/** Where a capture is in its life. */
public enum CaptureState {
    /** Created, not started. */
    NEW,
    /** Preflight and engine start-up. */
    STARTING,
    /** Reading the initial snapshot (transaction 0). */
    SNAPSHOT,
    /** Streaming changes from the replication slot. */
    STREAMING,
    /** Graceful stop in progress. */
    STOPPING,
    /** Stopped on request. */
    STOPPED,
    /** Stopped on an error: {@link CaptureService#failure()} says which. */
    FAILED
}
