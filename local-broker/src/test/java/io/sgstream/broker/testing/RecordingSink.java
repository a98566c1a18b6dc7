package io.sgstream.broker.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.sgstream.event.CloudEventsHttp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * A real HTTP CloudEvents subscriber on loopback for tests: records every request (per path, in arrival order)
 * and answers with the {@link Responder} set for that path (202 by default).
 */
public final class RecordingSink implements AutoCloseable {

    /** One received request. */
    public record Received(String path, Map<String, String> headers, CloudEvent event) {

        /** A header value by case-insensitive name, or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "recording-sink");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Responder> responders = new ConcurrentHashMap<>();

    public RecordingSink() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The URL of a path on this sink, e.g. {@code url("/orders")}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public RecordingSink respond(String path, Responder responder) {
        responders.put(path, responder);
        return this;
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).collect(Collectors.toList());
    }

    public List<String> ids(String path) {
        return received(path).stream().map(r -> r.event().getId()).collect(Collectors.toList());
    }

    public List<Received> all() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            // read as the functions do: the contract's reader percent-decodes attribute headers
            Received request = new Received(exchange.getRequestURI().getPath(), headers,
                    CloudEventsHttp.readMultiValued(exchange.getRequestHeaders(), body));
            received.add(request);
            Responder.Response response;
            try {
                response = responders.getOrDefault(request.path(), Responder.status(202)).respond(request);
            } catch (Exception e) {
                response = new Responder.Response(500, Map.of(), String.valueOf(e).getBytes());
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (response.body().length == 0) {
                exchange.sendResponseHeaders(response.status(), -1);
            } else {
                exchange.sendResponseHeaders(response.status(), response.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }
}
