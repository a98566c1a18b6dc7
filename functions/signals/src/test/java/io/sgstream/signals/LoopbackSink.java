package io.sgstream.signals;

import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.sgstream.event.CloudEventsHttp;
import io.sgstream.event.SignalRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP endpoint on the loopback interface standing in for the Broker: it reads every POST as a CloudEvent
 * and answers with the configured status (202 like a Broker ingress by default).
 */
public final class LoopbackSink implements AutoCloseable {

    private final HttpServer server;
    private final List<CloudEvent> received = new CopyOnWriteArrayList<>();
    private volatile int status = 202;

    private LoopbackSink(HttpServer server) {
        this.server = server;
    }

    public static LoopbackSink start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackSink sink = new LoopbackSink(server);
            server.createContext("/", exchange -> {
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
                byte[] body = exchange.getRequestBody().readAllBytes();
                int answer = sink.status;
                if (answer / 100 == 2) {
                    sink.received.add(CloudEventsHttp.read(headers, body));
                }
                exchange.sendResponseHeaders(answer, -1);
                exchange.close();
            });
            server.start();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/");
    }

    /** Answer {@code code} from now on (a non-2xx answer does not count the event as received). */
    public void answer(int code) {
        status = code;
    }

    public void clear() {
        received.clear();
    }

    public List<CloudEvent> received() {
        return List.copyOf(received);
    }

    /** What was received, read as signal requests. */
    public List<SignalRequest> requests() {
        return received.stream().map(SignalRequest::fromCloudEvent).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
