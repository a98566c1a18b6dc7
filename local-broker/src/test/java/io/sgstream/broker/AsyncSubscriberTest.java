package io.sgstream.broker;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.sgstream.broker.delivery.AsyncInProcessSubscriber;
import io.sgstream.broker.delivery.Reply;
import io.sgstream.broker.delivery.SubscriberRegistry;
import io.sgstream.broker.trigger.TriggerLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An asynchronous in-process subscriber holds events without holding threads: the Trigger's delivery window bounds
 * how many it has at once, each event is acknowledged to its producer only when its answer completes, and a failed
 * answer is retried like a 500.
 */
class AsyncSubscriberTest {

    private static final String TRIGGER = """
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: {name: batcher, namespace: default}
            spec:
              broker: default
              subscriber: {ref: {apiVersion: v1, kind: Service, name: batcher}}
              delivery: {retry: 3}
            """;
    private static final int WINDOW = 8;

    private LocalBroker broker;

    @AfterEach
    void stop() {
        broker.close();
    }

    /** Keeps every answer open until the test completes it. */
    private static final class Holding implements AsyncInProcessSubscriber {
        final Queue<CompletableFuture<Reply>> open = new ConcurrentLinkedQueue<>();
        final Queue<String> ids = new ConcurrentLinkedQueue<>();

        @Override
        public CompletableFuture<Reply> handleAsync(CloudEvent event) {
            CompletableFuture<Reply> answer = new CompletableFuture<>();
            ids.add(event.getId());
            open.add(answer);
            return answer;
        }

        void answer(int n, Reply reply) {
            for (int i = 0; i < n; i++) {
                open.remove().complete(reply);
            }
        }
    }

    @Test
    void theWindowBoundsOpenAnswersAndEachAckWaitsForItsAnswer() throws Exception {
        Holding subscriber = new Holding();
        broker = broker(subscriber);
        List<CompletableFuture<?>> acks = new ArrayList<>();
        // publishing blocks while the window is full: from another thread
        CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 3 * WINDOW; i++) {
                CompletableFuture<?> ack = broker.publishAsync(event("e" + i));
                synchronized (acks) {
                    acks.add(ack);
                }
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> subscriber.open.size() == WINDOW);
        synchronized (acks) {
            assertThat(acks).noneMatch(CompletableFuture::isDone);
        }
        assertThat(publisher).isNotDone(); // blocked on the full window, not queueing without bound

        subscriber.answer(WINDOW, Reply.accepted());
        await().atMost(Duration.ofSeconds(60)).until(() -> subscriber.ids.size() == 2 * WINDOW && subscriber.open.size() == WINDOW);
        synchronized (acks) {
            assertThat(acks.stream().filter(CompletableFuture::isDone).count()).isEqualTo(WINDOW);
        }
        subscriber.answer(WINDOW, Reply.accepted());
        await().atMost(Duration.ofSeconds(60)).until(() -> subscriber.open.size() == WINDOW);
        subscriber.answer(WINDOW, Reply.accepted());
        publisher.get();
        CompletableFuture.allOf(acks.toArray(new CompletableFuture<?>[0])).get();
        assertThat(subscriber.ids).hasSize(3 * WINDOW).doesNotHaveDuplicates();
        assertThat(broker.stats().trigger("batcher").delivered()).isEqualTo(3 * WINDOW);
    }

    @Test
    void aFailedAnswerIsRetriedBeforeTheAck() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        broker = broker((AsyncInProcessSubscriber) event -> attempts.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new IllegalStateException("target busy"))
                : CompletableFuture.completedFuture(Reply.accepted()));
        broker.publishAsync(event("once")).get();
        assertThat(attempts).hasValue(2);
        assertThat(broker.stats().trigger("batcher").retried()).isEqualTo(1);
    }

    private static LocalBroker broker(AsyncInProcessSubscriber subscriber) {
        return LocalBroker.builder().manifests(TriggerLoader.parse(TRIGGER, "batcher.yaml"))
                .subscribers(new SubscriberRegistry().register("batcher", subscriber))
                .maxInFlightPerTrigger(WINDOW).build();
    }

    private static CloudEvent event(String id) {
        return CloudEventBuilder.v1().withId(id).withSource(URI.create("/test")).withType("async.test").build();
    }
}
