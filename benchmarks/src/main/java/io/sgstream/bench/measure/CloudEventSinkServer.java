package io.sgstream.bench.measure;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CloudEvent target of the benchmark: a loopback HTTP endpoint that reads each request and answers 202 with an
 * empty body (what a Broker ingress answers), counting change events by their {@code ce-type} header (binary mode).
 * Lives in the benchmark's JVM, so the capture's process is measured alone.
 */
public final class CloudEventSinkServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();

    public CloudEventSinkServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            requests.incrementAndGet();
            if ("io.sgstream.change".equals(exchange.getRequestHeaders().getFirst("ce-type"))) {
                changes.incrementAndGet();
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public long requests() {
        return requests.get();
    }

    public long changes() {
        return changes.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
