package io.sgstream.local.wiring;

import io.cloudevents.CloudEvent;
import io.sgstream.apply.AcceptResult;
import io.sgstream.apply.SgClusterApply;
import io.sgstream.broker.delivery.InProcessSubscriber;
import io.sgstream.broker.delivery.Reply;

/** sgcluster-apply as the subscriber of a Trigger, answering with the status its HTTP endpoint would. */
public final class ApplySubscriber implements InProcessSubscriber {

    private final SgClusterApply apply;

    public ApplySubscriber(SgClusterApply apply) {
        this.apply = apply;
    }

    @Override
    public Reply handle(CloudEvent event) {
        AcceptResult result = apply.accept(event).join();
        int status = result.outcome().httpStatus();
        // a 2xx must have an empty body (Knative counts any other body as a failed delivery)
        return status < 300 || result.reason() == null ? Reply.status(status) : Reply.status(status, result.reason());
    }
}
