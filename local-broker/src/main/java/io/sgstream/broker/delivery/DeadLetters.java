package io.sgstream.broker.delivery;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

import java.util.Base64;

/**
 * Adds the error extensions Knative puts on a dead-lettered event (knative/eventing
 * pkg/kncloudevents/attributes/knative_error.go and event_dispatcher.go): the failed destination, its last status
 * code, and its response body in base64 truncated to 1024 characters.
 */
public final class DeadLetters {

    public static final String ERROR_DEST = "knativeerrordest";
    public static final String ERROR_CODE = "knativeerrorcode";
    public static final String ERROR_DATA = "knativeerrordata";
    static final int ERROR_DATA_MAX_LENGTH = 1024;

    private DeadLetters() {
    }

    public static CloudEvent annotate(CloudEvent event, AttemptResult lastFailure) {
        String data = Base64.getEncoder().encodeToString(lastFailure.body());
        if (data.length() > ERROR_DATA_MAX_LENGTH) {
            data = data.substring(0, ERROR_DATA_MAX_LENGTH);
        }
        return CloudEventBuilder.from(event)
                .withExtension(ERROR_DEST, lastFailure.destination())
                .withExtension(ERROR_CODE, Integer.toString(lastFailure.status()))
                .withExtension(ERROR_DATA, data)
                .build();
    }
}
