package io.sgstream.pglambda.http;

import io.cloudevents.CloudEvent;
import io.sgstream.event.CloudEventsHttp;
import io.sgstream.event.MalformedEventException;
import io.sgstream.pglambda.InboundRequest;
import io.sgstream.pglambda.Outcome;
import io.sgstream.pglambda.PgLambda;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CloudEvents-over-HTTP face of a {@link PgLambda}, independent of the HTTP server: reads the event (binary or
 * structured mode), hands it over with the request, and turns the {@link Outcome} into what a Knative Broker
 * expects: 200 with the reply in binary mode, a 2xx with an EMPTY body (a non-empty body that is not a CloudEvent is
 * a failure for the Broker), or the error status with the reason as plain text (it reaches a dead-letter sink as
 * {@code knativeerrordata}).
 */
public final class PgLambdaHttp {

    private static final String TEXT = "text/plain; charset=utf-8";

    private final PgLambda lambda;

    public PgLambdaHttp(PgLambda lambda) {
        this.lambda = lambda;
    }

    public HttpAnswer handle(String method, String path, Map<String, String> headers, byte[] body) {
        if (!"POST".equalsIgnoreCase(method)) {
            return new HttpAnswer(405, Map.of("Allow", "POST", "Content-Type", TEXT),
                    "CloudEvents are POSTed to this endpoint".getBytes(StandardCharsets.UTF_8));
        }
        CloudEvent event;
        try {
            event = CloudEventsHttp.read(headers, body);
        } catch (MalformedEventException e) {
            return answer(lambda.rejectMalformed(e.getMessage()));
        }
        return answer(lambda.handle(event, new InboundRequest(method, path, headers, new String(body, StandardCharsets.UTF_8))));
    }

    public static HttpAnswer answer(Outcome outcome) {
        if (outcome.reply() != null) {
            Map<String, String> headers = new LinkedHashMap<>();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            CloudEventsHttp.writeBinary(outcome.reply(), headers::put, body::writeBytes);
            return new HttpAnswer(outcome.status(), headers, body.toByteArray());
        }
        if (outcome.acknowledges()) {
            return new HttpAnswer(outcome.status(), Map.of(), new byte[0]);
        }
        return new HttpAnswer(outcome.status(), Map.of("Content-Type", TEXT), outcome.body());
    }
}
