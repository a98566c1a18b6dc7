package io.sgstream.broker.testing;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** How a {@link RecordingSink} path answers. */
@FunctionalInterface
public interface Responder {

    Response respond(RecordingSink.Received request) throws Exception;

    /** An HTTP response. */
    record Response(int status, Map<String, String> headers, byte[] body) {
    }

    static Responder status(int status) {
        return request -> new Response(status, Map.of(), new byte[0]);
    }

    static Responder status(int status, String body) {
        return request -> new Response(status, Map.of("Content-Type", "text/plain"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers the given statuses in turn, then the last one forever. */
    static Responder sequence(int... statuses) {
        AtomicInteger calls = new AtomicInteger();
        return request -> new Response(statuses[Math.min(calls.getAndIncrement(), statuses.length - 1)], Map.of(),
                new byte[0]);
    }

    /** 200 with a reply event in binary mode, built from the request. */
    static Responder replyBinary(Function<CloudEvent, CloudEvent> reply) {
        return request -> {
            Map<String, String> headers = new LinkedHashMap<>();
            byte[][] body = {new byte[0]};
            HttpMessageFactory.createWriter(headers::put, b -> body[0] = b == null ? new byte[0] : b)
                    .writeBinary(reply.apply(request.event()));
            return new Response(200, headers, body[0]);
        };
    }

    /** 200 with a reply event in structured mode, built from the request. */
    static Responder replyStructured(Function<CloudEvent, CloudEvent> reply) {
        return request -> new Response(200, Map.of("Content-Type", JsonFormat.CONTENT_TYPE),
                new JsonFormat().serialize(reply.apply(request.event())));
    }
}
