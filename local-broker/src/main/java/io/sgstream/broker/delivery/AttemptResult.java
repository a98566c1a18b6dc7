package io.sgstream.broker.delivery;

import io.cloudevents.CloudEvent;

import java.nio.charset.StandardCharsets;

/**
 * A classified delivery attempt.
 *
 * @param success     acknowledged (2xx)
 * @param reply       reply event to re-publish, or null
 * @param status      status for {@code knativeerrorcode} (500 for transport errors, as Knative reports them)
 * @param body        response body for {@code knativeerrordata}
 * @param destination target description for {@code knativeerrordest}
 * @param reason      human-readable failure reason, or null on success
 * @param retryable   whether Knative would retry this failure
 * @param attempts    attempts made so far, including this one
 */
public record AttemptResult(boolean success, CloudEvent reply, int status, byte[] body, String destination,
                            String reason, boolean retryable, int attempts) {

    /**
     * Knative's {@code SelectiveRetry} (pkg/kncloudevents/retries.go): 5xx, 404, 408, 409, 429; never other codes.
     */
    public static boolean isRetryable(int status) {
        return status >= 500 || status == 404 || status == 408 || status == 409 || status == 429;
    }

    /**
     * Applies Knative's rules to a response. For a subscriber ({@code subscriberRules}) the broker filter's rule
     * from pkg/broker/filter/filter_handler.go applies on top: a 2xx with a non-empty body that is not a CloudEvent,
     * or with a malformed CloudEvent, becomes a retryable 502. Any 2xx carrying a CloudEvent is a reply, as in
     * Knative's dispatcher (pkg/kncloudevents/event_dispatcher.go), although the data-plane spec says a 202 should
     * not be. A dead-letter sink only needs a 2xx.
     */
    public static AttemptResult classify(SubscriberResponse response, String destination, boolean subscriberRules) {
        int status = response.status();
        if (status < 200 || status > 299) {
            return failure(status, response.body(), destination, "responded " + status, isRetryable(status));
        }
        if (!subscriberRules) {
            return new AttemptResult(true, null, status, response.body(), destination, null, false, 1);
        }
        if (response.malformedReply() != null) {
            return failure(502, response.malformedReply().getBytes(StandardCharsets.UTF_8), destination,
                    "replied with a malformed CloudEvent: " + response.malformedReply(), true);
        }
        if (response.reply() == null && response.body().length > 0) {
            return failure(502, response.body(), destination, "responded " + status + " with a non-empty body that "
                    + "is not a CloudEvent (the response must be empty or a valid CloudEvent)", true);
        }
        return new AttemptResult(true, response.reply(), status, response.body(), destination, null, false, 1);
    }

    /** A transport error (connection refused, timeout...): retried; reported as 500 like Knative's dispatcher. */
    public static AttemptResult transportFailure(String destination, Throwable error) {
        String message = "dispatch error: " + error;
        return failure(500, message.getBytes(StandardCharsets.UTF_8), destination, message, true);
    }

    /** A ref not in the registry: retried like the 404 Knative's broker filter answers without a subscriber URI. */
    public static AttemptResult unresolved(UnresolvedDestinationException e) {
        return failure(404, e.getMessage().getBytes(StandardCharsets.UTF_8), e.description(), e.getMessage(), true);
    }

    private static AttemptResult failure(int status, byte[] body, String destination, String reason,
                                         boolean retryable) {
        return new AttemptResult(false, null, status, body, destination, reason, retryable, 1);
    }

    AttemptResult withAttempts(int attempts) {
        return new AttemptResult(success, reply, status, body, destination, reason, retryable, attempts);
    }
}
