package io.sgstream.apply.knative;

import io.sgstream.apply.AcceptResult;
import io.sgstream.apply.SgClusterApply;
import io.sgstream.apply.status.StatusJson;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.TreeMap;

/**
 * The CloudEvents endpoint of the Knative Service (POST /, binary or structured mode, one event per request) and
 * the status (GET /status).
 *
 * <p>Why a Vert.x route and not a Funqy function: the answer's status code is the whole protocol with the
 * Broker (2xx = stored, 4xx = never retry, 5xx/429 = retry), and Funqy cannot give it. In
 * quarkus-funqy-knative-events 3.34.1 ({@code VertxRequestHandler}, {@code FunctionInvoker.invoke}) every
 * exception a function throws, synchronously or through its {@code Uni}, is wrapped in
 * {@code ApplicationException} and ends in {@code routingContext.fail(t)}: always 500, so a malformed event
 * would be retried until dead-lettered and the reason lost; Funqy's own 4xx only come from its parsing step,
 * before the function runs. Funqy would also have to be declared with a {@code byte[]} input to take the parts
 * of split events ({@code application/octet-stream} data; any other input type fails them with a 500 "Don't know
 * how to get event data"), and answers 404/409 (retried) when routing fails. The route keeps the rest of the
 * Knative function shape: one endpoint per service, func.yaml, health and metrics endpoints.
 *
 * <p>Answers: 202 with an empty body once the event is durably staged (a non-empty body that is not a
 * CloudEvent would make the Broker answer 502 and retry); 400 with the reason for an event that breaks the
 * contract; 429 when overloaded and 503 when the target cannot be reached, both retried by the Broker.
 */
@ApplicationScoped
public class CloudEventsRoute {

    @Inject
    SgClusterApply apply;

    void register(@Observes Router router) {
        // Quarkus routes see the request paused; the body handler reads it (size limited by quarkus.http.limits)
        router.post("/").handler(BodyHandler.create()).handler(this::receive);
        router.get("/status").blockingHandler(this::status);
    }

    private void receive(RoutingContext ctx) {
        Map<String, String> headers = headers(ctx.request().headers());
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        apply.accept(headers, body).whenComplete((result, error) -> {
            if (error != null) { // accept() reports failures as results; this is a bug, but answer for retry
                answer(ctx.response(), 500, String.valueOf(error));
            } else {
                answer(ctx.response(), result.httpStatus(), result.acknowledged() ? null : reason(result));
            }
        });
    }

    private void status(RoutingContext ctx) {
        try {
            ctx.response().putHeader("Content-Type", "application/json").end(StatusJson.of(apply.status()).toString());
        } catch (Exception e) {
            answer(ctx.response(), 503, "target unavailable: " + e.getMessage());
        }
    }

    private static String reason(AcceptResult result) {
        return result.id() == null ? result.reason() : "event " + result.id() + ": " + result.reason();
    }

    private static void answer(HttpServerResponse response, int status, String reason) {
        response.setStatusCode(status);
        if (reason == null) {
            response.end();
        } else {
            response.putHeader("Content-Type", "text/plain; charset=utf-8").end(reason);
        }
    }

    private static Map<String, String> headers(MultiMap multiMap) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        multiMap.forEach(e -> headers.putIfAbsent(e.getKey(), e.getValue()));
        return headers;
    }
}
