package io.sgstream.broker;

import io.cloudevents.CloudEvent;
import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1.TriggerSpec;
import io.sgstream.broker.delivery.ChaosMonkey;
import io.sgstream.broker.delivery.ChaosOptions;
import io.sgstream.broker.delivery.DeliveryOutcome;
import io.sgstream.broker.delivery.DeliveryPolicy;
import io.sgstream.broker.delivery.Destinations;
import io.sgstream.broker.delivery.Envelope;
import io.sgstream.broker.delivery.SubscriberRegistry;
import io.sgstream.broker.delivery.TargetInvoker;
import io.sgstream.broker.delivery.TriggerCounters;
import io.sgstream.broker.delivery.TriggerDispatcher;
import io.sgstream.broker.filter.TriggerFilters;
import io.sgstream.broker.http.HttpIngress;
import io.sgstream.broker.http.HttpSubscriberClient;
import io.sgstream.broker.trigger.FieldError;
import io.sgstream.broker.trigger.InvalidTriggerException;
import io.sgstream.broker.trigger.KnativeManifests;
import io.sgstream.broker.trigger.TriggerLoader;
import io.sgstream.broker.trigger.TriggerValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * An in-process Knative Broker for running the product on one machine: it honors the same
 * {@code eventing.knative.dev/v1} Trigger manifests that are applied to a cluster, with Knative's admission checks,
 * filter semantics (legacy attributes; exact, prefix, suffix, all, any, not, CESQL) and delivery semantics
 * (at least once; each Trigger independently; retries on transport errors, 404, 408, 409, 429 and 5xx with the
 * DeliverySpec's backoff; then the deadLetterSink with {@code knativeerror*} extensions, or a logged drop; reply
 * events re-published and evaluated against every Trigger, with the {@code knativebrokerttl} loop guard).
 *
 * <h2>Ack after dispatch</h2>
 * A Knative Broker acknowledges an event once it is durably enqueued. This broker keeps no journal, so it
 * acknowledges only when it no longer needs the event: {@link #publishAsync} completes, and the HTTP ingress
 * answers 202, only when every matching Trigger has either delivered the event (including the dispatch of any reply
 * it produced) or finished with it according to its delivery spec (dead-lettered, or dropped after the last
 * retry). If the process dies before that, the producer has no ack and sends the event again; a producer that
 * retries until acknowledged therefore gets at-least-once delivery end to end, the same contract as on Knative.
 * The price is that the ack waits for the subscribers, including retries and backoff.
 *
 * <h2>Backpressure</h2>
 * Each Trigger admits at most {@code maxInFlightPerTrigger} events from the ingress at once; publishing blocks the
 * calling thread (or the HTTP worker, and through it the TCP connection) until a slot frees up. No queue grows
 * without bound.
 *
 * <p>Typical use by the local runner:
 * <pre>{@code
 * SubscriberRegistry subscribers = new SubscriberRegistry()
 *         .register("sgcluster-apply", URI.create("http://127.0.0.1:8081/"));
 * try (LocalBroker broker = LocalBroker.builder()
 *         .load(Path.of("knative"))
 *         .subscribers(subscribers)
 *         .build()) {
 *     URI kSink = broker.startHttpIngress();
 *     ...
 *     BrokerStats stats = broker.stats();
 * }
 * }</pre>
 */
public final class LocalBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBroker.class);

    private final String name;
    private final String namespace;
    private final List<Route> routes;
    private final IngressPolicy ingress;
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService scheduler;
    private final int httpPort;
    private final int httpThreads;
    private final int maxEventBytes;
    private final Duration shutdownGrace;
    private final Set<CompletableFuture<DispatchReport>> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder unmatched = new LongAdder();
    private final LongAdder repliesExpired = new LongAdder();
    private HttpIngress httpIngress;

    private LocalBroker(Builder config, List<Trigger> triggers, DeliverySpec brokerDelivery) {
        this.name = config.name;
        this.namespace = config.namespace;
        this.httpPort = config.httpPort;
        this.httpThreads = config.httpThreads;
        this.maxEventBytes = config.maxEventBytes;
        this.shutdownGrace = config.shutdownGrace;
        this.ingress = new IngressPolicy(config.maxTtl, Clock.systemUTC());
        // Threads are bounded by the in-flight slots, so a queue-less pool cannot grow without bound.
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemonThreads("local-broker-" + name + "-delivery-"));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                daemonThreads("local-broker-" + name + "-timer-"));
        timer.setRemoveOnCancelPolicy(true);
        this.scheduler = timer;

        Destinations destinations = new Destinations(config.subscribers);
        TargetInvoker invoker = new TargetInvoker(new HttpSubscriberClient(executor, config.connectTimeout), executor);
        ChaosMonkey chaos = new ChaosMonkey(config.chaos);
        List<Route> compiled = new ArrayList<>();
        for (Trigger trigger : triggers) {
            String triggerName = trigger.getMetadata().getName();
            TriggerSpec spec = trigger.getSpec();
            DeliverySpec delivery = spec.getDelivery() != null ? spec.getDelivery() : brokerDelivery;
            TriggerDispatcher dispatcher = new TriggerDispatcher(triggerName, namespace, spec.getSubscriber(),
                    DeliveryPolicy.from(delivery, config.requestTimeout), destinations, invoker, scheduler, executor,
                    this::routeReply, chaos, config.maxInFlightPerTrigger);
            compiled.add(new Route(triggerName, TriggerFilters.compile(TriggerValidator.nameOf(trigger), spec),
                    dispatcher));
        }
        this.routes = List.copyOf(compiled);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The broker's name ({@code spec.broker} of its Triggers). */
    public String name() {
        return name;
    }

    /** Names of the Triggers this broker honors, in manifest order. */
    public List<String> triggers() {
        return routes.stream().map(Route::name).collect(Collectors.toList());
    }

    /**
     * Publishes an event and waits for the ack (see the class comment).
     *
     * @throws EventRejectedException if the ingress refuses it
     * @throws BrokerClosedException  if the broker shuts down before dispatching it
     */
    public DispatchReport publish(CloudEvent event) {
        try {
            return publishAsync(event).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerClosedException("interrupted while waiting for event " + event.getId()
                    + " to be dispatched; it is not acknowledged");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new CompletionException(cause);
        }
    }

    /**
     * Publishes an event in-process. Blocks only while a matching Trigger has no free in-flight slot
     * (backpressure); the returned future completes when the event is acknowledged (see the class comment), or
     * exceptionally with {@link EventRejectedException} or {@link BrokerClosedException}.
     */
    public CompletableFuture<DispatchReport> publishAsync(CloudEvent event) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new BrokerClosedException("broker " + name + " is closed"));
        }
        Envelope envelope;
        try {
            envelope = ingress.admit(event);
        } catch (EventRejectedException e) {
            rejected.increment();
            return CompletableFuture.failedFuture(e);
        }
        accepted.increment();
        CompletableFuture<DispatchReport> report = dispatch(envelope, true);
        pending.add(report);
        report.whenComplete((done, error) -> pending.remove(report));
        if (closed.get()) {
            report.completeExceptionally(notAcknowledged(event));
        }
        return report;
    }

    /**
     * Starts the HTTP ingress on the loopback interface (port from the builder, 0 = any free port); idempotent.
     *
     * @return the ingress address, {@code http://127.0.0.1:<port>/<namespace>/<broker>} like a Broker's address
     */
    public synchronized URI startHttpIngress() {
        if (closed.get()) {
            throw new BrokerClosedException("broker " + name + " is closed");
        }
        if (httpIngress == null) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), httpPort);
            httpIngress = HttpIngress.start(address, "/" + namespace + "/" + name, httpThreads, maxEventBytes,
                    this::publishAsync);
            LOG.info("Local broker {} listening on {} with {} trigger(s)", name, httpIngress.uri(), routes.size());
        }
        return httpIngress.uri();
    }

    /** The HTTP ingress address, once started. */
    public synchronized Optional<URI> ingressUri() {
        return Optional.ofNullable(httpIngress).map(HttpIngress::uri);
    }

    public BrokerStats stats() {
        Map<String, TriggerStats> perTrigger = new LinkedHashMap<>();
        for (Route route : routes) {
            TriggerCounters c = route.dispatcher().counters();
            perTrigger.put(route.name(), new TriggerStats(c.delivered(), c.retried(), c.deadLettered(), c.dropped(),
                    c.duplicated(), c.replies(), c.inFlight()));
        }
        return new BrokerStats(accepted.sum(), rejected.sum(), unmatched.sum(), repliesExpired.sum(), perTrigger);
    }

    /**
     * Stops accepting events, waits up to the shutdown grace period for events in dispatch, then fails the rest
     * (their producers get no ack: 503 over HTTP, {@link BrokerClosedException} in-process) and stops.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
                    .get(shutdownGrace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // failures were reported to their producers; the rest are failed below
        }
        for (CompletableFuture<DispatchReport> report : List.copyOf(pending)) {
            report.completeExceptionally(new BrokerClosedException("broker " + name
                    + " closed before the event was dispatched; it is not acknowledged"));
        }
        synchronized (this) {
            if (httpIngress != null) {
                httpIngress.close();
            }
        }
        scheduler.shutdownNow();
        executor.shutdownNow();
    }

    private CompletableFuture<DispatchReport> dispatch(Envelope envelope, boolean fromIngress) {
        CloudEvent event = envelope.event();
        Map<String, CompletableFuture<DeliveryOutcome>> deliveries = new LinkedHashMap<>();
        for (Route route : routes) {
            if (!route.matches(event)) {
                continue;
            }
            TriggerDispatcher dispatcher = route.dispatcher();
            if (fromIngress) {
                try {
                    dispatcher.acquireSlot();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    // deliveries already started go on; the producer gets no ack and retries (at least once)
                    return CompletableFuture.failedFuture(new BrokerClosedException("interrupted while waiting for "
                            + "a free slot of trigger " + route.name() + "; event " + event.getId()
                            + " is not acknowledged"));
                }
            }
            CompletableFuture<DeliveryOutcome> delivery;
            try {
                delivery = dispatcher.deliver(envelope);
            } catch (RuntimeException e) {
                delivery = CompletableFuture.failedFuture(e);
            }
            if (fromIngress) {
                delivery.whenComplete((outcome, error) -> dispatcher.releaseSlot());
            }
            deliveries.put(route.name(), delivery);
        }
        if (deliveries.isEmpty()) {
            if (fromIngress) {
                unmatched.increment();
            }
            LOG.debug("Event {} (type {}) matched no trigger", event.getId(), event.getType());
        }
        return CompletableFuture.allOf(deliveries.values().toArray(new CompletableFuture<?>[0]))
                .handle((done, error) -> {
                    if (error != null) {
                        throw new CompletionException(closed.get() ? notAcknowledged(event) : unwrap(error));
                    }
                    Map<String, DeliveryOutcome> outcomes = new LinkedHashMap<>();
                    deliveries.forEach((trigger, delivery) -> outcomes.put(trigger, delivery.join()));
                    return new DispatchReport(event.getId(), outcomes);
                });
    }

    /** Reply events re-enter like events from the ingress, except that they take no slot (see TriggerDispatcher). */
    private CompletableFuture<Void> routeReply(CloudEvent reply, int parentTtl, String trigger) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(notAcknowledged(reply));
        }
        Optional<Envelope> envelope;
        try {
            envelope = ingress.admitReply(reply, parentTtl);
        } catch (EventRejectedException e) {
            LOG.warn("Trigger {}: reply dropped: {}", trigger, e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        if (envelope.isEmpty()) {
            repliesExpired.increment();
            LOG.warn("Trigger {}: reply id={} type={} dropped, its {} is spent: a reply loop? (a reply whose type "
                    + "its own Trigger accepts comes back to it)", trigger, reply.getId(), reply.getType(),
                    IngressPolicy.TTL);
            return CompletableFuture.completedFuture(null);
        }
        return dispatch(envelope.get(), false).thenApply(report -> null);
    }

    private BrokerClosedException notAcknowledged(CloudEvent event) {
        return new BrokerClosedException("broker " + name + " stopped before event " + event.getId()
                + " was dispatched; it is not acknowledged");
    }

    private static Throwable unwrap(Throwable error) {
        while (error instanceof CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Configuration of a {@link LocalBroker}; every setting has a working default. */
    public static final class Builder {

        private String name = "default";
        private String namespace = "default";
        private final List<Trigger> triggers = new ArrayList<>();
        private DeliverySpec defaultDelivery;
        private DeliverySpec manifestDelivery;
        private SubscriberRegistry subscribers = new SubscriberRegistry();
        private int maxInFlightPerTrigger = 32;
        private int maxTtl = 255;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private ChaosOptions chaos = ChaosOptions.off();
        private int httpPort;
        private int httpThreads = 16;
        private int maxEventBytes = 4 * 1024 * 1024;
        private Duration shutdownGrace = Duration.ofSeconds(5);
        private final List<KnativeManifests> manifests = new ArrayList<>();

        private Builder() {
        }

        /** The Broker name Triggers refer to ({@code spec.broker}); default {@code default}. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /** The namespace the Triggers are applied to when they name none; default {@code default}. */
        public Builder namespace(String namespace) {
            this.namespace = Objects.requireNonNull(namespace);
            return this;
        }

        /** Loads a manifest file or directory (e.g. {@code knative/}); see {@link TriggerLoader}. */
        public Builder load(Path fileOrDirectory) {
            return manifests(TriggerLoader.load(fileOrDirectory));
        }

        /**
         * Adds the Triggers of these manifests; a Broker of this name in them provides the default delivery of
         * Triggers without their own, unless {@link #defaultDelivery} is set.
         */
        public Builder manifests(KnativeManifests loaded) {
            manifests.add(loaded);
            triggers.addAll(loaded.triggers());
            return this;
        }

        public Builder trigger(Trigger trigger) {
            triggers.add(Objects.requireNonNull(trigger));
            return this;
        }

        public Builder triggers(Collection<Trigger> more) {
            triggers.addAll(more);
            return this;
        }

        /**
         * The Broker's {@code spec.delivery}, used whole by Triggers without their own. Default: the Broker
         * manifest's, else Knative's cluster default (retry 10, exponential, PT0.2S, no dead-letter sink).
         */
        public Builder defaultDelivery(DeliverySpec delivery) {
            this.defaultDelivery = delivery;
            return this;
        }

        /** Resolves subscriber and deadLetterSink refs by name. */
        public Builder subscribers(SubscriberRegistry registry) {
            this.subscribers = Objects.requireNonNull(registry);
            return this;
        }

        /** Events from the ingress each Trigger may have in delivery at once (default 32). */
        public Builder maxInFlightPerTrigger(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxInFlightPerTrigger must be at least 1");
            }
            this.maxInFlightPerTrigger = max;
            return this;
        }

        /** Initial {@code knativebrokerttl}: how many reply hops an event may make (Knative's default 255). */
        public Builder maxTtl(int ttl) {
            if (ttl < 1) {
                throw new IllegalArgumentException("maxTtl must be at least 1");
            }
            this.maxTtl = ttl;
            return this;
        }

        /** Per-request timeout when the DeliverySpec sets none (default 30 s); a timeout is retried. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Reordering and duplication for tests and demos; off by default. */
        public Builder chaos(ChaosOptions options) {
            this.chaos = Objects.requireNonNull(options);
            return this;
        }

        /** HTTP ingress port on the loopback interface; 0 (default) picks a free one. */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** HTTP ingress worker threads (default 16). */
        public Builder httpThreads(int threads) {
            this.httpThreads = threads;
            return this;
        }

        /** Largest event accepted over HTTP (default 4 MiB). */
        public Builder maxEventBytes(int bytes) {
            this.maxEventBytes = bytes;
            return this;
        }

        /** How long {@link LocalBroker#close()} waits for events in dispatch (default 5 s). */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = Objects.requireNonNull(grace);
            return this;
        }

        /**
         * Validates every Trigger as the Knative webhook would and builds the broker with those addressed to it.
         *
         * @throws InvalidTriggerException if a Trigger (or the default delivery) would be rejected
         * @throws IllegalStateException   if a Trigger is declared twice or names a subscriber or deadLetterSink
         *                                 the registry does not know
         */
        public LocalBroker build() {
            TriggerValidator.requireValid(triggers);
            DeliverySpec brokerDelivery = brokerDelivery();
            List<FieldError> deliveryErrors = TriggerValidator.validateDelivery(brokerDelivery, "spec.delivery");
            if (!deliveryErrors.isEmpty()) {
                throw new InvalidTriggerException(Map.of("Broker " + namespace + "/" + name + " (default delivery)",
                        deliveryErrors));
            }
            List<Trigger> mine = triggers.stream().filter(this::addressedToMe).collect(Collectors.toList());
            triggers.stream().filter(t -> !addressedToMe(t)).forEach(t ->
                    LOG.debug("Trigger {} is for another broker; ignored", TriggerValidator.nameOf(t)));
            requireUniqueAndResolvable(mine, brokerDelivery);
            return new LocalBroker(this, mine, brokerDelivery);
        }

        private DeliverySpec brokerDelivery() {
            if (defaultDelivery != null) {
                return defaultDelivery;
            }
            for (KnativeManifests loaded : manifests) {
                Optional<DeliverySpec> fromManifest = loaded.broker(name)
                        .filter(b -> b.getSpec() != null && b.getSpec().getDelivery() != null)
                        .map(b -> b.getSpec().getDelivery());
                if (fromManifest.isPresent()) {
                    return fromManifest.get();
                }
            }
            return DeliveryPolicy.knativeDefaultSpec();
        }

        private boolean addressedToMe(Trigger trigger) {
            String triggerNamespace = trigger.getMetadata().getNamespace();
            if (triggerNamespace != null && !triggerNamespace.isEmpty() && !triggerNamespace.equals(namespace)) {
                return false;
            }
            TriggerSpec spec = trigger.getSpec();
            return name.equals(spec.getBroker())
                    || (spec.getBrokerRef() != null && name.equals(spec.getBrokerRef().getName()));
        }

        private void requireUniqueAndResolvable(List<Trigger> mine, DeliverySpec brokerDelivery) {
            Destinations destinations = new Destinations(subscribers);
            Set<String> seen = new HashSet<>();
            List<String> problems = new ArrayList<>();
            for (Trigger trigger : mine) {
                String triggerName = TriggerValidator.nameOf(trigger);
                if (!seen.add(triggerName)) {
                    problems.add("Trigger " + triggerName + " is declared more than once");
                }
                TriggerSpec spec = trigger.getSpec();
                if (!destinations.isResolvable(spec.getSubscriber())) {
                    problems.add("Trigger " + triggerName + ": spec.subscriber " + describe(spec.getSubscriber())
                            + " is not in the subscriber registry " + subscribers.names());
                }
                DeliverySpec delivery = spec.getDelivery() != null ? spec.getDelivery() : brokerDelivery;
                if (delivery != null && delivery.getDeadLetterSink() != null
                        && !destinations.isResolvable(delivery.getDeadLetterSink())) {
                    problems.add("Trigger " + triggerName + ": deadLetterSink "
                            + describe(delivery.getDeadLetterSink()) + " is not in the subscriber registry "
                            + subscribers.names());
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException(String.join("\n", problems));
            }
        }

        private static String describe(Destination destination) {
            return Destinations.describe(destination);
        }
    }
}
