package io.sgstream.broker.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The broker's HTTP ingress, like a Knative Broker's address: accepts binary and structured CloudEvents by POST on
 * any path, answers 202 once the event is dispatched (see {@code LocalBroker} on "ack after dispatch"), 400 with a
 * reason for a malformed event, 413 above the size limit, 503 while shutting down.
 *
 * <p>Requests are handled by a fixed pool whose queue is bounded and whose overflow blocks the server's accept
 * loop, and a worker blocks while the matching Triggers have no free in-flight slot: overload turns into TCP
 * backpressure instead of memory. Responses are written asynchronously when dispatch completes, so a worker is
 * not held for the whole retry schedule.
 */
public final class HttpIngress implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpIngress.class);

    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final URI uri;
    private final int maxEventBytes;
    private final Function<CloudEvent, CompletableFuture<?>> publisher;

    private HttpIngress(HttpServer server, ThreadPoolExecutor workers, URI uri, int maxEventBytes,
                        Function<CloudEvent, CompletableFuture<?>> publisher) {
        this.server = server;
        this.workers = workers;
        this.uri = uri;
        this.maxEventBytes = maxEventBytes;
        this.publisher = publisher;
    }

    /**
     * Starts listening.
     *
     * @param address       where to listen (loopback for local runs; port 0 picks a free port)
     * @param path          the path advertised in {@link #uri()}, e.g. {@code /default/default}
     * @param threads       request workers
     * @param maxEventBytes largest accepted request body
     * @param publisher     takes an event in; its future completes when the event may be acknowledged, or
     *                      exceptionally (an {@link HttpStatusCarrier} decides the status, anything else is a 500)
     */
    public static HttpIngress start(InetSocketAddress address, String path, int threads, int maxEventBytes,
                                    Function<CloudEvent, CompletableFuture<?>> publisher) {
        ThreadPoolExecutor workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads), daemonThreads("local-broker-ingress-"),
                (task, pool) -> blockingPut(task, pool));
        try {
            HttpServer server = HttpServer.create(address, 0);
            URI uri = URI.create("http://" + address.getAddress().getHostAddress() + ":"
                    + server.getAddress().getPort() + path);
            HttpIngress ingress = new HttpIngress(server, workers, uri, maxEventBytes, publisher);
            server.createContext("/", ingress::handle);
            server.setExecutor(workers);
            server.start();
            return ingress;
        } catch (IOException e) {
            workers.shutdownNow();
            throw new UncheckedIOException("Cannot listen on " + address, e);
        }
    }

    /** The address producers post to (K_SINK). */
    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try {
            String method = exchange.getRequestMethod();
            if ("OPTIONS".equals(method)) {
                // CloudEvents webhook validation handshake, answered as Knative's ingress does
                exchange.getResponseHeaders().set("Allow", "POST, OPTIONS");
                exchange.getResponseHeaders().set("WebHook-Allowed-Origin", "*");
                exchange.getResponseHeaders().set("WebHook-Allowed-Rate", "*");
                respond(exchange, 200, null);
                return;
            }
            if (!"POST".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "POST, OPTIONS");
                respond(exchange, 405, "only POST is accepted");
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                respond(exchange, 413, "event larger than " + maxEventBytes + " bytes");
                return;
            }
            CloudEvent event;
            try {
                event = CloudEventHttp.decode(exchange.getRequestHeaders(), body);
            } catch (RuntimeException malformed) {
                respond(exchange, 400, "malformed CloudEvent: " + malformed.getMessage());
                return;
            }
            publisher.apply(event).whenComplete((ignored, error) -> {
                if (error == null) {
                    respond(exchange, 202, null);
                } else {
                    Throwable cause = unwrap(error);
                    int status = cause instanceof HttpStatusCarrier ? ((HttpStatusCarrier) cause).httpStatus() : 500;
                    if (status >= 500) {
                        LOG.debug("Event {} not acknowledged: {}", event.getId(), cause.toString());
                    }
                    respond(exchange, status, cause.getMessage());
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.debug("Ingress request failed: {}", e.toString());
            respond(exchange, 500, String.valueOf(e.getMessage()));
        }
    }

    /** The body, or null when it exceeds the limit. */
    private byte[] readBody(InputStream in) throws IOException {
        try (in) {
            byte[] body = in.readNBytes(maxEventBytes + 1);
            return body.length > maxEventBytes ? null : body;
        }
    }

    private static void respond(HttpExchange exchange, int status, String reason) {
        try (exchange) {
            if (reason == null) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the producer went away; it did not get an ack, so it will retry: nothing is lost
            LOG.debug("Could not answer {} to the producer: {}", status, e.toString());
        }
    }

    private static Throwable unwrap(Throwable error) {
        while ((error instanceof CompletionException || error instanceof ExecutionException)
                && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    private static void blockingPut(Runnable task, ThreadPoolExecutor pool) {
        if (pool.isShutdown()) {
            throw new RejectedExecutionException("ingress closed");
        }
        try {
            pool.getQueue().put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("interrupted while waiting for a worker", e);
        }
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
