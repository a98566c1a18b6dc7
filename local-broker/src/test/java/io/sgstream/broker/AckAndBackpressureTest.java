package io.sgstream.broker;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.fabric8.knative.eventing.v1.Trigger;
import io.sgstream.broker.delivery.SubscriberRegistry;
import io.sgstream.broker.testing.IngressClient;
import io.sgstream.broker.testing.RecordingSink;
import io.sgstream.broker.testing.Responder;
import io.sgstream.broker.testing.Resources;
import io.sgstream.broker.trigger.TriggerLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.sgstream.broker.testing.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ack after dispatch, bounded in-flight deliveries, and no ack for what a closing broker did not dispatch. */
class AckAndBackpressureTest {

    private final RecordingSink sink = new RecordingSink();
    /** Subscriber requests wait here until the test hands out permits. */
    private final Semaphore subscriberGate = new Semaphore(0);
    private final CountDownLatch arrived = new CountDownLatch(1);
    private LocalBroker broker;

    @AfterEach
    void stop() {
        subscriberGate.release(1000);
        broker.close();
        sink.close();
    }

    @Test
    void theHttpIngressAnswersOnlyAfterTheSubscriberAcceptedIncludingRetries() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        sink.respond("/everything", request -> {
            arrived.countDown();
            subscriberGate.acquire();
            return Responder.status(attempts.incrementAndGet() == 1 ? 500 : 202).respond(request);
        });
        broker = broker(4, Duration.ofSeconds(5), 1);
        IngressClient producer = new IngressClient(broker.startHttpIngress());

        CompletableFuture<HttpResponse<String>> ack = producer.sendBinaryAsync(event("a1", "ack.test"));
        assertThat(arrived.await(60, TimeUnit.SECONDS)).isTrue();

        // the subscriber holds the event: the producer must not have its answer yet
        assertThat(ack).isNotDone();
        subscriberGate.release(2);

        assertThat(ack.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        assertThat(attempts).as("the 500 was retried before the ack").hasValue(2);
    }

    @Test
    void publishingBlocksWhileTheTriggerHasNoFreeSlot() throws Exception {
        sink.respond("/everything", request -> {
            subscriberGate.acquire();
            return Responder.status(202).respond(request);
        });
        broker = broker(2, Duration.ofSeconds(5), 0);

        CompletableFuture<DispatchReport> first = broker.publishAsync(event("b1", "bp.test"));
        CompletableFuture<DispatchReport> second = broker.publishAsync(event("b2", "bp.test"));
        AtomicReference<CompletableFuture<DispatchReport>> third = new AtomicReference<>();
        Thread producer = new Thread(() -> third.set(broker.publishAsync(event("b3", "bp.test"))));
        producer.start();

        awaitState(producer, Thread.State.WAITING);
        assertThat(third.get()).as("publishAsync has not returned").isNull();
        assertThat(broker.stats().trigger("everything").inFlight()).isEqualTo(2);
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();

        subscriberGate.release(3);
        producer.join(TimeUnit.SECONDS.toMillis(60));

        CompletableFuture.allOf(first, second, third.get()).get(60, TimeUnit.SECONDS);
        assertThat(sink.ids("/everything")).containsExactlyInAnyOrder("b1", "b2", "b3");
        assertThat(broker.stats().trigger("everything").inFlight()).isZero();
    }

    @Test
    void closingFailsWhatWasNotDispatchedSoTheProducerSendsItAgain() throws Exception {
        sink.respond("/everything", request -> {
            arrived.countDown();
            subscriberGate.acquire();
            return Responder.status(202).respond(request);
        });
        broker = broker(4, Duration.ofMillis(100), 0);
        IngressClient producer = new IngressClient(broker.startHttpIngress());

        CompletableFuture<DispatchReport> inProcess = broker.publishAsync(event("x1", "close.test"));
        CompletableFuture<HttpResponse<String>> overHttp = producer.sendBinaryAsync(event("x2", "close.test"));
        assertThat(arrived.await(60, TimeUnit.SECONDS)).isTrue();
        awaitInFlight(2);
        broker.close();

        assertThat(overHttp.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
        assertThatThrownBy(inProcess::join).hasCauseInstanceOf(BrokerClosedException.class);
        assertThatThrownBy(() -> broker.publish(event("x3", "close.test")))
                .isInstanceOf(BrokerClosedException.class);
    }

    @Test
    void oversizedEventsAreRefusedWith413() {
        broker = broker(4, Duration.ofSeconds(1), 0);
        IngressClient producer = new IngressClient(broker.startHttpIngress());

        HttpResponse<String> response = producer.sendBinary(CloudEventBuilder.v1(event("big", "size.test"))
                .withData("application/json", ("\"" + "x".repeat(5000) + "\"").getBytes(StandardCharsets.UTF_8))
                .build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(sink.all()).isEmpty();
    }

    private LocalBroker broker(int maxInFlight, Duration shutdownGrace, int retry) {
        // catch-all.yaml has retry 0; tests needing a retry raise it on a freshly loaded copy
        Trigger trigger = TriggerLoader.load(Resources.path("/triggers/catch-all.yaml")).triggers().get(0);
        trigger.getSpec().getDelivery().setRetry(retry);
        return LocalBroker.builder()
                .trigger(trigger)
                .subscribers(new SubscriberRegistry().register("everything", sink.url("/everything")))
                .maxInFlightPerTrigger(maxInFlight)
                .shutdownGrace(shutdownGrace)
                .maxEventBytes(4096)
                .build();
    }

    private void awaitInFlight(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (broker.stats().trigger("everything").inFlight() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(broker.stats().trigger("everything").inFlight()).isEqualTo(expected);
    }

    private static void awaitState(Thread thread, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (thread.getState() != state && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(thread.getState()).isEqualTo(state);
    }
}
