package io.sgstream.broker.delivery;

import io.cloudevents.CloudEvent;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What an in-process subscriber answers, with the meaning an HTTP response has for a Knative Broker: any 2xx acks
 * the event; a 2xx carrying a CloudEvent is a reply the broker re-publishes; a 2xx with a non-empty body that is not
 * a CloudEvent is a failure (Knative answers 502, which is retried); 404, 408, 409, 429 and 5xx are retried; other
 * codes are not.
 *
 * @param status HTTP status code
 * @param event  reply event, or null
 * @param body   response body that is not a CloudEvent; empty for none
 */
public record Reply(int status, CloudEvent event, byte[] body) {

    private static final byte[] EMPTY = new byte[0];

    public Reply {
        body = body == null ? EMPTY : body;
    }

    /** 202: processed, nothing to reply (what a Broker ingress and most functions answer). */
    public static Reply accepted() {
        return new Reply(202, null, EMPTY);
    }

    /** 204: processed, nothing to reply (a Funqy function returning void). */
    public static Reply noContent() {
        return new Reply(204, null, EMPTY);
    }

    /** 200 with a reply event, which the broker re-publishes to every Trigger. */
    public static Reply withEvent(CloudEvent reply) {
        return new Reply(200, Objects.requireNonNull(reply, "reply"), EMPTY);
    }

    /** Any status without body, e.g. 503 (retried) or 400 (never retried). */
    public static Reply status(int status) {
        return new Reply(status, null, EMPTY);
    }

    /** Any status with a plain body, e.g. 400 and the reason, which reaches a deadLetterSink as knativeerrordata. */
    public static Reply status(int status, String body) {
        return new Reply(status, null, body.getBytes(StandardCharsets.UTF_8));
    }
}
