package io.sgstream.controller;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /healthz} for the liveness probe: 200 while the process works (a standby replica is healthy; the
 * leader is healthy while its informers watch), 503 otherwise so Kubernetes restarts it.
 */
final class HealthServer implements AutoCloseable {

    private final HttpServer server;

    HealthServer(int port, BooleanSupplier healthy) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        server.createContext("/healthz", exchange -> {
            boolean ok = healthy.getAsBoolean();
            byte[] body = (ok ? "ok" : "informers not watching").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
