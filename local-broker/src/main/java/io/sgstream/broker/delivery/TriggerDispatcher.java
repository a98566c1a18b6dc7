package io.sgstream.broker.delivery;

import io.cloudevents.CloudEvent;
import io.fabric8.knative.duck.v1.Destination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Delivers events to one Trigger's subscriber, independently of every other Trigger, with the Knative delivery
 * algorithm: attempt, retry retryable failures with backoff up to {@code retry} times, then hand the event to the
 * deadLetterSink (retried the same way) or drop it with a warning. A reply event is routed back into the broker and
 * the delivery completes only when the reply is done too.
 *
 * <p>Concurrency is bounded by in-flight slots: the ingress takes a slot per matching Trigger before delivering and
 * blocks while none is free, which is the backpressure felt by producers. Replies do not take slots (they ride on the
 * slot of the event being replied to, which stays held until the reply is dispatched), so a chain of replies can
 * never wait on slots its own ancestors hold.
 */
public final class TriggerDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerDispatcher.class);

    private final String trigger;
    private final String namespace;
    /** The headers of every attempt, built once (immutable maps). */
    private final Map<String, String> subscriberHeaders;
    private final Map<String, String> deadLetterHeaders;
    private final Destination subscriber;
    private final DeliveryPolicy policy;
    private final Destinations destinations;
    private final TargetInvoker invoker;
    private final ScheduledExecutorService scheduler;
    private final Executor executor;
    private final ReplyRouter replies;
    private final ChaosMonkey chaos;
    private final Semaphore slots;
    private final TriggerCounters counters = new TriggerCounters();

    /**
     * @param trigger     {@code namespace/name}, for logs and stats
     * @param maxInFlight events admitted from the ingress that may be in delivery at once
     */
    public TriggerDispatcher(String trigger, String namespace, Destination subscriber, DeliveryPolicy policy,
                             Destinations destinations, TargetInvoker invoker, ScheduledExecutorService scheduler,
                             Executor executor, ReplyRouter replies, ChaosMonkey chaos, int maxInFlight) {
        this.trigger = trigger;
        this.namespace = namespace;
        this.subscriberHeaders = Map.of("Prefer", "reply", "Kn-Namespace", namespace);
        this.deadLetterHeaders = Map.of("Kn-Namespace", namespace);
        this.subscriber = subscriber;
        this.policy = policy;
        this.destinations = destinations;
        this.invoker = invoker;
        this.scheduler = scheduler;
        this.executor = executor;
        this.replies = replies;
        this.chaos = chaos;
        this.slots = new Semaphore(maxInFlight, true);
    }

    public String trigger() {
        return trigger;
    }

    public DeliveryPolicy policy() {
        return policy;
    }

    public TriggerCounters counters() {
        return counters;
    }

    /** Waits for a free in-flight slot; pair with {@link #releaseSlot()}. */
    public void acquireSlot() throws InterruptedException {
        slots.acquire();
        counters.inFlight.incrementAndGet();
    }

    public void releaseSlot() {
        counters.inFlight.decrementAndGet();
        slots.release();
    }

    /** Delivers one event; completes with its outcome, or exceptionally if the broker shut down meanwhile. */
    public CompletableFuture<DeliveryOutcome> deliver(Envelope envelope) {
        ChaosMonkey.Plan plan = chaos.plan();
        CompletableFuture<DeliveryOutcome> first = after(plan.delay(), () -> deliverOnce(envelope));
        if (!plan.duplicate()) {
            return first;
        }
        counters.duplicated.increment();
        CompletableFuture<DeliveryOutcome> copy = after(plan.duplicateDelay(), () -> deliverOnce(envelope));
        return first.thenCombine(copy, (original, duplicate) -> original);
    }

    private CompletableFuture<DeliveryOutcome> deliverOnce(Envelope envelope) {
        return sendWithRetries(subscriber, envelope.event(), true).thenCompose(result -> {
            if (result.success()) {
                counters.delivered.increment();
                if (result.reply() == null) {
                    return CompletableFuture.completedFuture(DeliveryOutcome.DELIVERED);
                }
                counters.replies.increment();
                return replies.route(result.reply(), envelope.ttl(), trigger)
                        .thenApply(done -> DeliveryOutcome.DELIVERED);
            }
            return undeliverable(envelope.event(), result);
        });
    }

    private CompletableFuture<DeliveryOutcome> undeliverable(CloudEvent event, AttemptResult failure) {
        if (policy.deadLetterSink() == null) {
            counters.dropped.increment();
            LOG.warn("Trigger {}: dropping event id={} source={} type={} after {} attempt(s), no deadLetterSink: {}",
                    trigger, event.getId(), event.getSource(), event.getType(), failure.attempts(), failure.reason());
            return CompletableFuture.completedFuture(DeliveryOutcome.DROPPED);
        }
        CloudEvent deadLetter = DeadLetters.annotate(event, failure);
        return sendWithRetries(policy.deadLetterSink(), deadLetter, false).thenApply(result -> {
            if (result.success()) {
                counters.deadLettered.increment();
                LOG.debug("Trigger {}: event {} dead-lettered after {} attempt(s): {}", trigger, event.getId(),
                        failure.attempts(), failure.reason());
                return DeliveryOutcome.DEAD_LETTERED;
            }
            counters.dropped.increment();
            LOG.error("Trigger {}: event id={} source={} reached neither its subscriber ({}) nor its deadLetterSink "
                    + "({}): dropped", trigger, event.getId(), event.getSource(), failure.reason(), result.reason());
            return DeliveryOutcome.DROPPED;
        });
    }

    /** Attempts until success, a non-retryable failure, or the retry budget is spent; never completes with retries left. */
    private CompletableFuture<AttemptResult> sendWithRetries(Destination destination, CloudEvent event,
                                                             boolean toSubscriber) {
        CompletableFuture<AttemptResult> done = new CompletableFuture<>();
        attempt(destination, event, toSubscriber, 0, done);
        return done;
    }

    private void attempt(Destination destination, CloudEvent event, boolean toSubscriber, int retryIndex,
                         CompletableFuture<AttemptResult> done) {
        CompletableFuture<AttemptResult> attempt;
        try {
            Target target = destinations.resolve(destination);
            Map<String, String> headers = toSubscriber ? subscriberHeaders : deadLetterHeaders;
            attempt = invoker.invoke(target, event, policy.structured(), policy.timeout(), headers)
                    .handle((response, error) -> error == null
                            ? AttemptResult.classify(response, target.describe(), toSubscriber)
                            : AttemptResult.transportFailure(target.describe(), unwrap(error)));
        } catch (UnresolvedDestinationException e) {
            attempt = CompletableFuture.completedFuture(AttemptResult.unresolved(e));
        } catch (RuntimeException e) {
            attempt = CompletableFuture.completedFuture(
                    AttemptResult.transportFailure(Destinations.describe(destination), e));
        }
        attempt.whenComplete((result, error) -> {
            try {
                if (error != null) {
                    done.completeExceptionally(error);
                } else {
                    afterAttempt(destination, event, toSubscriber, retryIndex, result, done);
                }
            } catch (RuntimeException unexpected) {
                // never leave the delivery hanging: the ingress would wait for it forever
                done.completeExceptionally(unexpected);
            }
        });
    }

    private void afterAttempt(Destination destination, CloudEvent event, boolean toSubscriber, int retryIndex,
                              AttemptResult result, CompletableFuture<AttemptResult> done) {
        AttemptResult counted = result.withAttempts(retryIndex + 1);
        if (counted.success() || !counted.retryable() || retryIndex >= policy.retry()) {
            done.complete(counted);
            return;
        }
        if (toSubscriber) {
            counters.retried.increment();
        }
        Duration wait = policy.backoff(retryIndex);
        LOG.debug("Trigger {}: attempt {} for event {} failed ({}); retrying in {}", trigger, retryIndex + 1,
                event.getId(), counted.reason(), wait);
        runLater(wait, () -> attempt(destination, event, toSubscriber, retryIndex + 1, done), done);
    }

    private <T> CompletableFuture<T> after(Duration delay, Supplier<CompletableFuture<T>> action) {
        if (delay.isZero()) {
            return action.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        runLater(delay, () -> action.get().whenComplete((value, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        }), result);
        return result;
    }

    /** Runs the task on the executor after the delay; fails {@code onShutdown} if the broker is shutting down. */
    private void runLater(Duration delay, Runnable task, CompletableFuture<?> onShutdown) {
        Runnable handOff = () -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException shutDown) {
                onShutdown.completeExceptionally(shutDown);
            }
        };
        try {
            scheduler.schedule(handOff, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shutDown) {
            onShutdown.completeExceptionally(shutDown);
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
    }
}
