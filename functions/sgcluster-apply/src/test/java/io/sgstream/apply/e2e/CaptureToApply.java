package io.sgstream.apply.e2e;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.apply.ApplyConfig;
import io.sgstream.apply.SgClusterApply;
import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.CaptureService;

/**
 * The end-to-end pipeline: the real capture service (Debezium, pgoutput) feeding an apply in-process through an
 * {@link ApplySink} (which retries as a Broker would). Closing it stops the capture first, then the sink, then the
 * apply, as the try-with-resources block it replaces did.
 */
final class CaptureToApply implements AutoCloseable {

    final SgClusterApply apply;
    private final ApplySink sink;
    private final CaptureService capture;

    private CaptureToApply(SgClusterApply apply, ApplySink sink, CaptureService capture) {
        this.apply = apply;
        this.sink = sink;
        this.capture = capture;
    }

    /** Starts the apply on {@code target}, then the capture described by {@code capture} feeding it. */
    static CaptureToApply start(ApplyConfig target, CaptureConfig capture) {
        SgClusterApply apply = SgClusterApply.start(target);
        ApplySink sink = new ApplySink(apply);
        CaptureToApply pipeline = new CaptureToApply(apply, sink,
                new CaptureService(capture, sink, new SimpleMeterRegistry()));
        try {
            pipeline.capture.start();
        } catch (RuntimeException e) { // a preflight failure: stop what was started before reporting it
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    @Override
    public void close() {
        try {
            capture.close();
        } finally {
            try {
                sink.close();
            } finally {
                apply.close();
            }
        }
    }
}
