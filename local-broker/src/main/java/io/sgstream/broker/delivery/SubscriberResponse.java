package io.sgstream.broker.delivery;

import io.cloudevents.CloudEvent;

/**
 * A subscriber's answer to one delivery attempt, transport-neutral (HTTP or in-process).
 *
 * @param status         HTTP status code
 * @param reply          the CloudEvent in the response, or null
 * @param body           the response body when it is not a CloudEvent (possibly empty)
 * @param malformedReply why a response that claims to be a CloudEvent could not be read, or null
 */
public record SubscriberResponse(int status, CloudEvent reply, byte[] body, String malformedReply) {

    public SubscriberResponse {
        body = body == null ? new byte[0] : body;
    }

    public static SubscriberResponse of(Reply reply) {
        return new SubscriberResponse(reply.status(), reply.event(), reply.body(), null);
    }
}
