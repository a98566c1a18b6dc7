package io.sgstream.pglambda.knative;

import io.sgstream.pglambda.http.HttpAnswer;
import io.sgstream.pglambda.http.PgLambdaHttp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
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
 * The CloudEvents endpoint ({@code POST /}) as a plain Vert.x route rather than a Funqy function: Funqy turns a
 * return value into 200/204 and every exception into 500 ({@code VertxRequestHandler} passes failures to
 * {@code routingContext.fail}), so it cannot answer 400 for a malformed event, which the Broker must not retry.
 */
@ApplicationScoped
public class CloudEventsRoute {

    @Inject
    PgLambdaHttp http;

    @Inject
    PgLambdaSettings settings;

    void register(@Observes Router router) {
        router.route(HttpMethod.POST, "/")
                .handler(BodyHandler.create().setBodyLimit(settings.maxBodyBytes()))
                .blockingHandler(this::handle, false); // the script runs on this worker thread, not the event loop
        router.route("/").handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ctx.request().headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        HttpAnswer answer = http.handle(ctx.request().method().name(), ctx.request().path(), headers,
                body == null ? new byte[0] : body.getBytes());
        HttpServerResponse response = ctx.response().setStatusCode(answer.status());
        answer.headers().forEach(response::putHeader);
        response.end(Buffer.buffer(answer.body()));
    }
}
