package io.sgstream.local.wiring;

import io.cloudevents.CloudEvent;
import io.sgstream.apply.AcceptResult;
import io.sgstream.apply.SgClusterApply;
import io.sgstream.broker.delivery.AsyncInProcessSubscriber;
import io.sgstream.broker.delivery.Reply;

import java.util.concurrent.CompletableFuture;

/**
 * sgcluster-apply as the subscriber of a Trigger, answering with the status its HTTP endpoint would. Asynchronous:
 * each event joins the apply's staging queue, which stages whatever is queued in one target transaction (up to
 * {@code stagingBatchEvents}), and the answer comes once the event is durably staged. With a wide Trigger delivery
 * window many events wait in one batch instead of one thread and one commit each.
 */
public final class ApplySubscriber implements AsyncInProcessSubscriber {

    private final SgClusterApply apply;

    public ApplySubscriber(SgClusterApply apply) {
        this.apply = apply;
    }

    @Override
    public CompletableFuture<Reply> handleAsync(CloudEvent event) {
        return apply.accept(event).thenApply(ApplySubscriber::reply);
    }

    private static Reply reply(AcceptResult result) {
        int status = result.outcome().httpStatus();
        // a 2xx must have an empty body (Knative counts any other body as a failed delivery)
        return status < 300 || result.reason() == null ? Reply.status(status) : Reply.status(status, result.reason());
    }
}
