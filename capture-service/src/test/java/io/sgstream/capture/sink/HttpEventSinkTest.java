package io.sgstream.capture.sink;

import io.sgstream.capture.ClosedPort;
import io.cloudevents.CloudEvent;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.sgstream.capture.sink.LoopbackSink.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class HttpEventSinkTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeResources() throws Exception {
        Collections.reverse(resources);
        for (AutoCloseable r : resources) {
            r.close();
        }
    }

    private LoopbackSink server(LoopbackSink.Responder responder) throws Exception {
        LoopbackSink s = LoopbackSink.http(responder);
        resources.add(s);
        return s;
    }

    private HttpEventSink sink(HttpSinkConfig config) {
        HttpEventSink s = new HttpEventSink(config, registry);
        resources.add(s);
        return s;
    }

    /** Millisecond backoff so retries are quick; the policy is the same as with SGStream's seconds. */
    private static HttpSinkConfig.Builder config(String url) {
        return HttpSinkConfig.builder(url).retryBackoff(Duration.ofMillis(1), Duration.ofMillis(20));
    }

    private static void acked(CompletableFuture<?> future) throws Exception {
        future.get(30, TimeUnit.SECONDS);
    }

    private static SinkDeliveryException failure(CompletableFuture<?> future) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> future.get(30, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(SinkDeliveryException.class);
        return (SinkDeliveryException) e.getCause();
    }

    private double counter(String name, String... tags) {
        var search = registry.find(name);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        var c = search.counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void anyTwoHundredAcknowledgesAndEventsGoInBinaryMode() throws Exception {
        int[] statuses = {202, 200, 204};
        LoopbackSink server = server(r -> Reply.status(statuses[(r.index() - 1) % 3]));
        HttpEventSink sink = sink(config(server.url()).build());

        List<CompletableFuture<Void>> acks = IntStream.rangeClosed(1, 3)
                .mapToObj(i -> sink.send(TestEvents.change("e" + i))).toList();
        for (CompletableFuture<Void> ack : acks) {
            acked(ack);
        }

        assertThat(server.requests()).hasSize(3);
        LoopbackSink.Request first = server.requests().stream().filter(r -> "e1".equals(r.header("ce-id"))).findFirst().orElseThrow();
        assertThat(first.header("ce-specversion")).isEqualTo("1.0");
        assertThat(first.header("ce-type")).isEqualTo("io.sgstream.change");
        assertThat(first.header("ce-source")).isEqualTo("/sgstream/test/orders-stream");
        assertThat(first.header("ce-subject")).isEqualTo("public.orders");
        assertThat(first.header("ce-op")).isEqualTo("c");
        assertThat(first.header("Content-Type")).isEqualTo("application/json");
        assertThat(first.bodyText()).isEqualTo("{\"id\":\"e1\"}");
        assertThat(counter("sgstream.sink.events.sent")).isEqualTo(3);
        assertThat(registry.get("sgstream.sink.request").tag("outcome", "success").timer().count()).isEqualTo(3);
        assertThat(sink.health().failing()).isFalse();
        assertThat(sink.health().lastAcknowledged()).isNotNull();
    }

    @Test
    void serverErrorsAreRetriedWithoutLosingEvents() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        LoopbackSink server = server(r -> seen.add(r.header("ce-id")) ? Reply.of(500, "try later") : Reply.status(202));
        HttpEventSink sink = sink(config(server.url()).maxInFlight(8).build());

        List<CompletableFuture<Void>> acks = IntStream.range(0, 50)
                .mapToObj(i -> sink.send(TestEvents.change("e" + i))).toList();
        for (CompletableFuture<Void> ack : acks) {
            acked(ack);
        }

        Map<String, Long> attemptsPerId = server.requests().stream()
                .collect(Collectors.groupingBy(r -> r.header("ce-id"), Collectors.counting()));
        assertThat(attemptsPerId).hasSize(50).allSatisfy((id, attempts) -> assertThat(attempts).isEqualTo(2));
        assertThat(counter("sgstream.sink.retries", "cause", "5xx")).isEqualTo(50);
        assertThat(counter("sgstream.sink.events.sent")).isEqualTo(50);
    }

    @Test
    void nonRetryableClientErrorFailsTheEventWithStatusAndBody() throws Exception {
        LoopbackSink server = server(r -> Reply.of(400, "data.after is required"));
        HttpEventSink sink = sink(config(server.url()).build());

        SinkDeliveryException e = failure(sink.send(TestEvents.change("poison")));

        assertThat(e.reason()).isEqualTo(SinkDeliveryException.Reason.REJECTED);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.eventId()).isEqualTo("poison");
        assertThat(e.getMessage()).contains("HTTP 400", "data.after is required", "poison");
        assertThat(server.requests()).hasSize(1); // the failure replaced the retry: none can follow
        assertThat(counter("sgstream.sink.events.failed", "reason", "rejected")).isEqualTo(1);
        assertThat(registry.find("sgstream.sink.retries").counters()).isEmpty();
    }

    @Test
    void longRejectionBodiesAreTruncated() throws Exception {
        LoopbackSink server = server(r -> Reply.of(413, "x".repeat(20_000)));
        HttpEventSink sink = sink(config(server.url()).build());

        SinkDeliveryException e = failure(sink.send(TestEvents.change("big")));

        assertThat(e.statusCode()).isEqualTo(413);
        assertThat(e.getMessage()).contains("...(truncated)").hasSizeLessThan(HttpEventSink.MAX_BODY_CHARS + 600);
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws Exception {
        LoopbackSink server = server(r -> r.index() == 1
                ? new Reply(429, "slow down", Map.of("Retry-After", "1"))
                : Reply.status(202));
        // the jittered backoff alone would retry within 2 ms
        HttpEventSink sink = sink(HttpSinkConfig.builder(server.url())
                .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(2)).build());

        acked(sink.send(TestEvents.change("e1")));

        List<LoopbackSink.Request> requests = server.requests();
        assertThat(requests).hasSize(2);
        // a lower bound only: the retry timer never fires early, so this cannot flake
        assertThat(Duration.ofNanos(requests.get(1).arrivedNanos() - requests.get(0).arrivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(counter("sgstream.sink.retries", "cause", "429")).isEqualTo(1);
    }

    @Test
    void manyEventsInFlightAnsweredOutOfOrderAllComplete() throws Exception {
        int window = 8;
        CountDownLatch windowFull = new CountDownLatch(window);
        LoopbackSink server = server(r -> {
            if (r.index() <= window) {
                // hold the first requests until the whole window is in flight: a sequential sink never gets here
                windowFull.countDown();
                windowFull.await();
                Thread.sleep((window - r.index()) * 15L); // answer them roughly in reverse order
            } else {
                Thread.sleep(ThreadLocalRandom.current().nextInt(3));
            }
            return Reply.status(202);
        });
        HttpEventSink sink = sink(config(server.url()).maxInFlight(window).build());

        List<String> ids = IntStream.range(0, 300).mapToObj(i -> "e" + i).toList();
        List<CompletableFuture<Void>> acks = ids.stream().map(id -> sink.send(TestEvents.change(id))).toList();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(acks).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(server.requests()).extracting(r -> r.header("ce-id")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(sink.inFlight()).isZero();
    }

    @Test
    void retryLimitSpentFailsTheEvent() throws Exception {
        LoopbackSink server = server(r -> Reply.of(503, "overloaded"));
        HttpEventSink sink = sink(config(server.url()).retryLimit(2).build());

        SinkDeliveryException e = failure(sink.send(TestEvents.change("e1")));

        assertThat(e.reason()).isEqualTo(SinkDeliveryException.Reason.RETRY_LIMIT);
        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.getMessage()).contains("3 attempt(s)", "retryLimit 2", "HTTP 503", "overloaded");
        assertThat(server.requests()).hasSize(3);
        assertThat(counter("sgstream.sink.events.failed", "reason", "retry_limit")).isEqualTo(1);
        assertThat(sink.health().failing()).isTrue();
        assertThat(sink.health().lastProblem()).contains("HTTP 503");
    }

    @Test
    void transportErrorsAreRetriedUntilTheSinkComesUp() throws Exception {
        SinkDeliveryException e;
        try (ClosedPort closed = new ClosedPort()) {
            HttpEventSink sink = sink(config("http://localhost:" + closed.port() + "/").retryLimit(0).build());
            e = failure(sink.send(TestEvents.change("e1")));
        }

        assertThat(e.reason()).isEqualTo(SinkDeliveryException.Reason.RETRY_LIMIT);
        assertThat(e.statusCode()).isEqualTo(-1);
        assertThat(e.getMessage()).contains("transport error", "ConnectException");
        assertThat(e.getCause()).isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void aResponseSlowerThanTheReadTimeoutIsATransientFailure() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LoopbackSink server = server(r -> {
            release.await(); // answers only when the test ends: only the read timeout can end the attempt
            return Reply.status(202);
        });
        HttpEventSink sink = sink(config(server.url()).readTimeout("PT0.2S").retryLimit(1).build());

        SinkDeliveryException e = failure(sink.send(TestEvents.change("slow")));
        release.countDown();

        assertThat(e.reason()).isEqualTo(SinkDeliveryException.Reason.RETRY_LIMIT);
        assertThat(e.getMessage()).contains("timed out", "2 attempt(s)");
        assertThat(counter("sgstream.sink.retries", "cause", "timeout")).isEqualTo(1);
    }

    @Test
    void sendBlocksWhileTheWindowIsFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LoopbackSink server = server(r -> {
            release.await();
            return Reply.status(202);
        });
        HttpEventSink sink = sink(config(server.url()).maxInFlight(2).build());

        CompletableFuture<Void> first = sink.send(TestEvents.change("e1"));
        CompletableFuture<Void> second = sink.send(TestEvents.change("e2"));
        AtomicReference<CompletableFuture<Void>> third = new AtomicReference<>();
        Thread sender = new Thread(() -> third.set(sink.send(TestEvents.change("e3"))), "test-sender");
        sender.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> sender.getState() == Thread.State.WAITING
                && Arrays.stream(sender.getStackTrace()).anyMatch(f -> f.getMethodName().equals("send")
                && f.getClassName().equals(HttpEventSink.class.getName())));
        await().atMost(Duration.ofSeconds(60)).until(() -> server.requests().size() == 2);
        assertThat(sender.isAlive()).isTrue();
        assertThat(third.get()).isNull();
        assertThat(sink.inFlight()).isEqualTo(2);
        assertThat(registry.get("sgstream.sink.in.flight").gauge().value()).isEqualTo(2);

        release.countDown();
        sender.join(10_000);
        assertThat(sender.isAlive()).isFalse();
        acked(first);
        acked(second);
        acked(third.get());
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void knativeSinkBindingEnvironmentIsApplied() throws Exception {
        LoopbackSink server = server(r -> Reply.status(202));
        HttpSinkConfig config = config("http://localhost:1/not-used").build().withKnativeEnvironment(Map.of(
                "K_SINK", server.url(),
                "K_CE_OVERRIDES", "{\"extensions\": {\"team\": \"billing\", \"stream\": \"from-binding\"}}"));
        HttpEventSink sink = sink(config);

        acked(sink.send(TestEvents.change("e1")));

        LoopbackSink.Request request = server.requests().get(0);
        assertThat(request.header("ce-team")).isEqualTo("billing");
        assertThat(request.header("ce-stream")).isEqualTo("from-binding");
        assertThat(request.header("ce-id")).isEqualTo("e1");
        assertThat(request.header("ce-op")).isEqualTo("c");
    }

    @Test
    void closeFailsWhatIsStillUnacknowledgedAndRefusesNewEvents() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        LoopbackSink server = server(r -> {
            never.await();
            return Reply.status(202);
        });
        HttpEventSink sink = sink(config(server.url()).closeTimeout(Duration.ofMillis(100)).build());
        CompletableFuture<Void> pending = sink.send(TestEvents.change("e1"));
        await().atMost(Duration.ofSeconds(60)).until(() -> server.requests().size() == 1);

        sink.close();

        assertThat(failure(pending).reason()).isEqualTo(SinkDeliveryException.Reason.CLOSED);
        assertThat(failure(sink.send(TestEvents.change("e2"))).reason()).isEqualTo(SinkDeliveryException.Reason.CLOSED);
        assertThat(server.requests()).hasSize(1);
        never.countDown();
    }

    @Test
    void attributesOutsideAsciiTravelPercentEncoded() throws Exception {
        LoopbackSink server = server(r -> Reply.status(202));
        HttpEventSink sink = sink(config(server.url()).build());
        CloudEvent event = io.cloudevents.core.builder.CloudEventBuilder.from(TestEvents.change("e1"))
                .withExtension("table", "\u8868").build(); // outside ISO-8859-1: an HTTP/1.1 header cannot carry it raw

        acked(sink.send(event));

        LoopbackSink.Request request = server.requests().get(0);
        assertThat(request.header("ce-table")).isEqualTo("%E8%A1%A8");
        assertThat(io.sgstream.event.CloudEventsHttp.read(request.headers(), request.body()).getExtension("table"))
                .isEqualTo("\u8868");
    }

    @Test
    void malformedCeOverridesAreRejectedClearly() {
        HttpSinkConfig config = config("http://localhost:1/").build();
        assertThatThrownBy(() -> config.withKnativeEnvironment(Map.of("K_CE_OVERRIDES", "{extensions")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("K_CE_OVERRIDES is not valid JSON");
        assertThatThrownBy(() -> config.withKnativeEnvironment(Map.of("K_CE_OVERRIDES", "{\"extensions\": {\"Team\": \"x\"}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Team'");
        assertThatThrownBy(() -> config.withKnativeEnvironment(Map.of("K_CE_OVERRIDES", "{\"extensions\": {\"id\": \"x\"}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'id'");
    }
}
