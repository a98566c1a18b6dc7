package io.sgstream.capture;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.sgstream.event.CloudEventsHttp;
import io.sgstream.event.EventAttributes;
import io.sgstream.event.EventCodec;
import io.sgstream.event.EventParts;
import io.sgstream.event.EventTypes;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.TransactionEnd;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real CloudEvents HTTP endpoint on loopback: records every delivery (duplicates included) read with
 * {@link CloudEventsHttp#read}, and answers as the test decides (202 by default).
 */
final class RecordingEndpoint implements AutoCloseable {

    /** One delivery: the event as received, and the raw body (to compare replays byte for byte). */
    record Delivery(CloudEvent event, byte[] body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile Function<CloudEvent, Integer> responder = e -> 202;

    RecordingEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
    }

    /** Decides the status of each delivery; a responder may block to hold an event unacknowledged. */
    void respond(Function<CloudEvent, Integer> responder) {
        this.responder = responder;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            CloudEvent event = CloudEventsHttp.read(headers, body);
            int status = responder.apply(event);
            if (status / 100 == 2) {
                deliveries.add(new Delivery(event, body));
            }
            exchange.sendResponseHeaders(status, -1);
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    /** Acknowledged deliveries, in arrival order, duplicates included. */
    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /**
     * The logical events acknowledged so far, each once (parts joined), ordered by position; fails if two deliveries
     * of one id differ.
     */
    List<StreamEvent> events() {
        Map<String, Delivery> byId = new LinkedHashMap<>();
        for (Delivery d : deliveries) {
            Delivery previous = byId.putIfAbsent(d.event().getId(), d);
            if (previous != null && !sameContent(previous, d)) {
                throw new AssertionError("event " + d.event().getId() + " was delivered twice with different content");
            }
        }
        Map<String, List<CloudEvent>> parts = new TreeMap<>();
        List<StreamEvent> events = new ArrayList<>();
        for (Delivery d : byId.values()) {
            if (EventParts.isPart(d.event())) {
                parts.computeIfAbsent(EventParts.wholeId(d.event()), k -> new ArrayList<>()).add(d.event());
            } else {
                events.add(EventCodec.fromCloudEvent(d.event()));
            }
        }
        for (List<CloudEvent> p : parts.values()) {
            if (p.size() == EventParts.partCount(p.get(0))) {
                events.add(EventCodec.fromCloudEvent(EventParts.join(p)));
            }
        }
        events.sort(Comparator.comparing(StreamEvent::epoch).thenComparing(StreamEvent::position));
        return events;
    }

    static boolean sameContent(Delivery a, Delivery b) {
        return Arrays.equals(a.body(), b.body()) && attributes(a.event()).equals(attributes(b.event()));
    }

    static Map<String, String> attributes(CloudEvent e) {
        Map<String, String> m = new TreeMap<>();
        m.put("id", e.getId());
        m.put("type", e.getType());
        m.put("source", String.valueOf(e.getSource()));
        m.put("subject", String.valueOf(e.getSubject()));
        m.put("time", String.valueOf(e.getTime()));
        for (String name : e.getExtensionNames()) {
            m.put(name, String.valueOf(e.getExtension(name)));
        }
        return m;
    }

    /** The end of transaction {@code txSeq} of the newest epoch, if acknowledged (cheap: reads only such events). */
    TransactionEnd transactionEnd(long txSeq) {
        TransactionEnd found = null;
        for (Delivery d : deliveries) {
            CloudEvent e = d.event();
            if (EventTypes.TRANSACTION.equals(e.getType())
                    && Long.toString(txSeq).equals(String.valueOf(e.getExtension(EventAttributes.TXSEQ)))) {
                TransactionEnd end = (TransactionEnd) EventCodec.fromCloudEvent(e);
                if (found == null || end.epoch().compareTo(found.epoch()) >= 0) {
                    found = end;
                }
            }
        }
        return found;
    }

    long highestTxSeq() {
        return deliveries.stream().map(d -> d.event().getExtension(EventAttributes.TXSEQ))
                .mapToLong(v -> Long.parseLong(v.toString())).max().orElse(-1);
    }

    void clear() {
        deliveries.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
