package io.sgstream.capture.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's sink: answers every POST with 202 and an empty body, like a Broker ingress that is never the
 * bottleneck. Runs in its own JVM so the capture's heap and RSS are measured alone. {@code GET /count} returns the
 * number of events received, so the benchmark checks that every event arrived.
 */
public final class NoOpSinkServer {

    private NoOpSinkServer() {
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        AtomicLong received = new AtomicLong();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (request.method() == HttpMethod.GET) {
                request.response().end(Long.toString(received.get()));
                return;
            }
            request.body().onComplete(body -> {
                received.incrementAndGet();
                request.response().setStatusCode(202).end();
            });
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("PORT " + server.actualPort());
        System.out.flush();
        // exits when the benchmark closes stdin (or dies)
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
        vertx.close();
        System.exit(0);
    }
}
