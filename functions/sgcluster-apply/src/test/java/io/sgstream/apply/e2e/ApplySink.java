package io.sgstream.apply.e2e;

import io.cloudevents.CloudEvent;
import io.sgstream.apply.AcceptResult;
import io.sgstream.apply.SgClusterApply;
import io.sgstream.capture.sink.EventSink;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Delivers to the apply in-process, retrying what it asks to retry, as a Broker would. */
final class ApplySink implements EventSink {
    private final SgClusterApply apply;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();

    ApplySink(SgClusterApply apply) {
        this.apply = apply;
    }

    @Override
    public CompletableFuture<Void> send(CloudEvent event) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(event, done);
        return done;
    }

    private void attempt(CloudEvent event, CompletableFuture<Void> done) {
        apply.accept(event).thenAccept((AcceptResult r) -> {
            if (r.acknowledged()) {
                done.complete(null);
            } else if (r.httpStatus() >= 500 || r.httpStatus() == 429) {
                retries.schedule(() -> attempt(event, done), 50, TimeUnit.MILLISECONDS);
            } else {
                done.completeExceptionally(new IllegalStateException("rejected: " + r.reason()));
            }
        });
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
