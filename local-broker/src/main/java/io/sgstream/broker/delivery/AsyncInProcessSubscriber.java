package io.sgstream.broker.delivery;

import io.cloudevents.CloudEvent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * An in-process subscriber that answers later: {@link #handleAsync} must return quickly (it runs on the delivering
 * thread) and complete the future with the answer an HTTP function would give once it is done with the event, e.g.
 * after staging it durably together with others. No thread waits meanwhile, so the Trigger's in-flight slots (its
 * delivery window) are the only bound on how many events it holds at once; the event is acknowledged to its
 * producer only when the future completes with a 2xx (at least once, ack after dispatch). A future completed
 * exceptionally counts as a 500 and is retried.
 */
public interface AsyncInProcessSubscriber extends InProcessSubscriber {

    CompletableFuture<Reply> handleAsync(CloudEvent event);

    /** The blocking form, for callers that want one answer now. */
    @Override
    default Reply handle(CloudEvent event) throws Exception {
        try {
            return handleAsync(event).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
