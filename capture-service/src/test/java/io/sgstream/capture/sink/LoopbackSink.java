package io.sgstream.capture.sink;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP(S) server on loopback that records every request and answers as the test scripts it. */
public final class LoopbackSink implements AutoCloseable {

    public record Request(int index, Map<String, String> headers, byte[] body, long arrivedNanos) {
        public String header(String name) {
            return headers.get(name);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public record Reply(int status, String body, Map<String, String> headers) {
        public static Reply status(int status) {
            return new Reply(status, "", Map.of());
        }

        public static Reply of(int status, String body) {
            return new Reply(status, body, Map.of());
        }
    }

    @FunctionalInterface
    public interface Responder {
        Reply reply(Request request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile Responder responder;

    private LoopbackSink(HttpServer server, Responder responder) {
        this.server = server;
        this.responder = responder;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static LoopbackSink http(Responder responder) throws IOException {
        return new LoopbackSink(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), responder);
    }

    static LoopbackSink https(SSLContext tls, Responder responder) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new LoopbackSink(server, responder);
    }

    void respond(Responder responder) {
        this.responder = responder;
    }

    public String url() {
        return url("localhost");
    }

    String url(String host) {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://" + host + ":" + server.getAddress().getPort() + "/events";
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            Request request = new Request(count.incrementAndGet(), headers, body, System.nanoTime());
            requests.add(request);
            Reply reply;
            try {
                reply = responder.reply(request);
            } catch (Exception e) {
                reply = Reply.of(500, "test responder failed: " + e);
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
