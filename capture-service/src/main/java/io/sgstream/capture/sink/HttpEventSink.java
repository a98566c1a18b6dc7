package io.sgstream.capture.sink;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.sgstream.event.CloudEventsHttp;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.TrustOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers CloudEvents by HTTP POST in binary mode to a Knative Broker or any CloudEvents endpoint.
 *
 * <p>Pipelined, unlike Debezium Server's http sink and StackGres (one request at a time): up to
 * {@link HttpSinkConfig#maxInFlight()} events are unacknowledged at once over pooled keep-alive HTTP/1.1
 * connections, and {@link #send} blocks while the window is full, which is the back-pressure on the engine.
 * Acknowledgements arrive in any order; the caller commits offsets only below what is acknowledged.
 *
 * <p>Response policy, the Knative data-plane contract (specs/eventing/data-plane.md):
 * <ul>
 * <li>any 2xx acknowledges the event (a Broker answers 202; StackGres wrongly accepted only 200);</li>
 * <li>transport errors, timeouts, 404, 408, 409, 429, 5xx and codes outside the contract's table (1xx, 3xx) are
 *     retried with exponential backoff and full jitter, honouring {@code Retry-After}; with {@code retryLimit} set,
 *     the event fails once that many retries are spent, otherwise it is retried forever;</li>
 * <li>any other 4xx (400, 401, 403, 413...) means the event can never be delivered: its future fails at once
 *     with the status and the (truncated) response body. Nothing is skipped silently: the capture stops without
 *     committing past the event, which a restart replays once the cause is fixed.</li>
 * </ul>
 *
 * <p>The HTTP client is Vert.x's (netty): measured on 2 shared cores it carried 5-6 times the requests per second
 * of {@code java.net.http.HttpClient}, whose per-request thread hand-offs made the sink the bottleneck of the
 * capture. Futures complete on the sink's I/O thread: dependent stages must not block (use the {@code *Async}
 * variants for slow work).
 *
 * <p>Credentials (secret header values, URL query strings) never reach logs, metrics or exception messages.
 */
public final class HttpEventSink implements EventSink {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEventSink.class);

    /** Response bodies quoted in errors are cut here: enough for a reason, not a log flood. */
    static final int MAX_BODY_CHARS = 1024;
    private static final String DEFAULT_CONTENT_TYPE = "application/json";
    private static final String REDACTED = "***";
    private static final long WARN_INTERVAL = Duration.ofSeconds(30).toNanos();

    private final HttpSinkConfig config;
    private final String target;
    private final List<String> secrets;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final HttpClient client;
    /** Every request starts on this one context, so the client's callbacks never hop between contexts. */
    private final Context context;
    private final RequestOptions requestTemplate;
    private final Semaphore window;
    private final RetryBackoff backoff;
    private final SinkMetrics metrics;
    private final Set<Delivery> unacknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failingAttempts = new AtomicInteger();
    /** Nanos of the last WARN about failures: one per 30 s keeps an outage from flooding the log. */
    private final AtomicLong lastWarn = new AtomicLong();
    private final AtomicBoolean warnedSinceRecovery = new AtomicBoolean();
    private volatile String lastProblem;
    private volatile Instant lastAcknowledged;
    private volatile boolean closed;

    /** A sink with its own single I/O thread (plain Java, e.g. the local runner). */
    public HttpEventSink(HttpSinkConfig config, MeterRegistry registry) {
        this(config, registry, null);
    }

    /** A sink on a shared Vert.x (Quarkus's), which it does not close. */
    public HttpEventSink(HttpSinkConfig config, MeterRegistry registry, Vertx shared) {
        this.config = Objects.requireNonNull(config, "config");
        this.target = HttpSinkConfig.redact(config.url());
        this.secrets = config.secretValues();
        URI url = config.url();
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        HttpClientOptions options = new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setTryUseCompression(false)
                .setConnectTimeout(config.connectTimeout() == null ? 0 : (int) config.connectTimeout().toMillis());
        if (https) {
            options.setSsl(true)
                    .setTrustOptions(TrustOptions.wrap(
                            SinkTrust.create(config.trustedCertificatesPem(), config.skipHostnameVerification())))
                    .setVerifyHost(!config.skipHostnameVerification());
        }
        this.ownsVertx = shared == null;
        // one event loop: the sink's I/O is light, and the engine needs the other core
        this.vertx = ownsVertx ? Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)) : shared;
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(config.maxInFlight()));
        // From a plain thread each request would get a context of its own, and the response could end before the
        // body handler is set on the requester's context: a request then never completes (seen under load).
        this.context = vertx.getOrCreateContext();
        this.requestTemplate = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(url.getHost())
                .setPort(url.getPort() >= 0 ? url.getPort() : https ? 443 : 80)
                .setSsl(https)
                .setURI((url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
        if (config.readTimeout() != null) {
            requestTemplate.setIdleTimeout(config.readTimeout().toMillis());
        }
        this.window = new Semaphore(config.maxInFlight());
        this.backoff = new RetryBackoff(config.retryBackoffInitial(), config.retryBackoffMax(), config.retryAfterMax());
        this.metrics = new SinkMetrics(Objects.requireNonNull(registry, "registry"), unacknowledged::size);
        LOG.info("Sending CloudEvents to {}", config);
    }

    @Override
    public CompletableFuture<Void> send(CloudEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            return failed(closedException(event.getId(), null));
        }
        try {
            window.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(new SinkDeliveryException(SinkDeliveryException.Reason.CLOSED, event.getId(), -1,
                    "interrupted while waiting for room in the sink's in-flight window; event " + event.getId()
                            + " was not sent", e));
        }
        if (closed) {
            window.release();
            return failed(closedException(event.getId(), null));
        }
        Delivery delivery;
        try {
            delivery = delivery(event);
        } catch (RuntimeException e) {
            window.release();
            return failed(new SinkDeliveryException(SinkDeliveryException.Reason.INVALID_EVENT, event.getId(), -1,
                    "event " + event.getId() + " cannot be written as an HTTP request: " + scrub(e.getMessage()), e));
        }
        unacknowledged.add(delivery);
        if (closed) { // close() ran meanwhile and may not have seen this delivery
            fail(delivery, closedException(event.getId(), null));
            return delivery.future;
        }
        attempt(delivery);
        return delivery.future;
    }

    /** What real deliveries say about the endpoint; the readiness probe reads it. */
    public SinkHealth health() {
        return new SinkHealth(failingAttempts.get(), lastProblem, lastAcknowledged);
    }

    public HttpSinkConfig config() {
        return config;
    }

    /** Events sent and not yet acknowledged or failed. */
    public int inFlight() {
        return unacknowledged.size();
    }

    /**
     * Stops accepting events, waits up to {@code closeTimeout} for the unacknowledged ones, then fails the rest
     * (reason {@code closed}): they were not committed, so the next run sends them again.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<?>[] pending = unacknowledged.stream().map(d -> d.future).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(pending).exceptionally(e -> null)
                    .get(config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.info("Sink closing with {} events unacknowledged after {}; they will be sent again on restart",
                    unacknowledged.size(), config.closeTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Delivery d : List.copyOf(unacknowledged)) {
            fail(d, closedException(d.eventId, null));
        }
        awaitQuietly(client.close().toCompletionStage().toCompletableFuture());
        if (ownsVertx) {
            awaitQuietly(vertx.close().toCompletionStage().toCompletableFuture());
        }
    }

    @Override
    public String toString() {
        return "HttpEventSink[" + target + ", maxInFlight=" + config.maxInFlight() + "]";
    }

    // ---------------------------------------------------------------- delivery

    /** The request of one event, built once and reused by every attempt. */
    private Delivery delivery(CloudEvent event) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        config.headers().forEach(headers::set);
        headers.set("Content-Type", DEFAULT_CONTENT_TYPE); // the event's datacontenttype replaces it when set
        CloudEvent out = config.extensionOverrides().isEmpty() ? event : withOverrides(event);
        byte[][] body = {new byte[0]};
        CloudEventsHttp.writeBinary(out, (name, value) -> headers.set(name, checkedHeaderValue(name, value)),
                bytes -> body[0] = bytes);
        RequestOptions options = new RequestOptions(requestTemplate).setHeaders(headers);
        return new Delivery(event.getId(), options, Buffer.buffer(body[0]));
    }

    private CloudEvent withOverrides(CloudEvent event) {
        CloudEventBuilder b = CloudEventBuilder.from(event);
        config.extensionOverrides().forEach(b::withExtension);
        return b.build();
    }

    /**
     * HTTP/1.1 header values are ISO-8859-1 without control characters; anything else would be silently mangled on
     * the wire, so such an event fails instead.
     */
    private static String checkedHeaderValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF || c < 0x20 && c != '\t' || c == 0x7F) {
                throw new IllegalArgumentException("header " + name + " holds character U+"
                        + String.format("%04X", (int) c) + " at index " + i + ", which HTTP/1.1 headers cannot carry");
            }
        }
        return value;
    }

    private void attempt(Delivery d) {
        if (d.settled.get()) {
            return; // failed by close() while waiting for a retry
        }
        d.attempts++;
        context.runOnContext(ignored -> {
            long start = System.nanoTime();
            client.request(d.options)
                    .compose(request -> request.send(d.body))
                    .compose(response -> response.body().map(body -> new Answer(response.statusCode(),
                            response.getHeader("Retry-After"), body)))
                    .onComplete(result -> answered(d, start, result));
        });
    }

    private record Answer(int status, String retryAfter, Buffer body) {
    }

    private void answered(Delivery d, long start, AsyncResult<Answer> result) {
        long nanos = System.nanoTime() - start;
        if (d.settled.get()) {
            return;
        }
        if (result.failed()) {
            metrics.request("transport", nanos);
            if (closed) {
                fail(d, closedException(d.eventId, result.cause()));
                return;
            }
            Throwable cause = result.cause();
            boolean timeout = cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout");
            String problem = (timeout ? "timed out: " : "transport error: ") + describe(cause);
            retryOrFail(d, timeout ? "timeout" : "transport", -1, problem, cause, Optional.empty());
            return;
        }
        Answer answer = result.result();
        int status = answer.status();
        if (isSuccess(status)) {
            metrics.request("success", nanos);
            if (settle(d)) {
                acknowledged();
                metrics.sent();
                d.future.complete(null);
            }
        } else if (isRetryable(status)) {
            metrics.request("retryable", nanos);
            Optional<Duration> retryAfter = RetryBackoff.parseRetryAfter(Optional.ofNullable(answer.retryAfter()),
                    ZonedDateTime.now(ZoneOffset.UTC));
            String problem = "HTTP " + status
                    + (status / 100 == 3 ? " (redirects are not followed: configure the final URL)" : "")
                    + bodySuffix(answer.body());
            retryOrFail(d, retryCause(status), status, problem, null, retryAfter);
        } else {
            metrics.request("rejected", nanos);
            String message = "sink " + target + " rejected event " + d.eventId + " with HTTP " + status
                    + bodySuffix(answer.body()) + ". A 4xx other than 404/408/409/429 means the event can never be "
                    + "delivered: the capture stops without committing past it; fix the sink or the event's cause "
                    + "and restart to send it again";
            LOG.warn(message);
            fail(d, new SinkDeliveryException(SinkDeliveryException.Reason.REJECTED, d.eventId, status, message, null));
        }
    }

    private void retryOrFail(Delivery d, String cause, int status, String problem, Throwable error,
                             Optional<Duration> retryAfter) {
        lastProblem = problem;
        failingAttempts.incrementAndGet();
        int retriesDone = d.attempts - 1;
        if (config.retryLimit() != null && retriesDone >= config.retryLimit()) {
            String message = "event " + d.eventId + " not delivered to " + target + " after " + d.attempts
                    + " attempt(s) (retryLimit " + config.retryLimit() + "): " + problem;
            LOG.warn(message);
            fail(d, new SinkDeliveryException(SinkDeliveryException.Reason.RETRY_LIMIT, d.eventId, status, message,
                    error));
            return;
        }
        Duration delay = backoff.delay(retriesDone + 1, retryAfter);
        metrics.retried(cause);
        if (shouldWarn()) {
            LOG.warn("Sink {} failing: {}; retrying event {} in {} ms with exponential backoff (further failures "
                    + "within 30 s are logged at DEBUG)", target, problem, d.eventId, delay.toMillis());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Sink {} failing: {}; retry {} of event {} in {} ms", target, problem, retriesDone + 1,
                    d.eventId, delay.toMillis());
        }
        try {
            vertx.setTimer(Math.max(1, delay.toMillis()), id -> attempt(d)); // Vert.x timers need >= 1 ms
        } catch (RuntimeException e) { // Vert.x is closing
            fail(d, closedException(d.eventId, e));
        }
    }

    private boolean shouldWarn() {
        long now = System.nanoTime();
        long last = lastWarn.get();
        boolean warn = (last == 0 || now - last >= WARN_INTERVAL) && lastWarn.compareAndSet(last, now);
        if (warn) {
            warnedSinceRecovery.set(true);
        }
        return warn;
    }

    private void acknowledged() {
        lastAcknowledged = Instant.now();
        if (failingAttempts.get() != 0) {
            int failures = failingAttempts.getAndSet(0);
            if (failures > 0 && warnedSinceRecovery.getAndSet(false)) {
                LOG.info("Sink {} acknowledges events again ({} failed attempt(s) before)", target, failures);
            }
        }
    }

    private void fail(Delivery d, SinkDeliveryException e) {
        if (settle(d)) {
            metrics.failed(e.reason());
            d.future.completeExceptionally(e);
        }
    }

    /**
     * Claims the right to complete the event's future (an answer and close() can race) and frees its window slot
     * first: whoever sees the future done also sees the slot free and the metrics counted.
     */
    private boolean settle(Delivery d) {
        if (!d.settled.compareAndSet(false, true)) {
            return false;
        }
        unacknowledged.remove(d);
        window.release();
        return true;
    }

    private CompletableFuture<Void> failed(SinkDeliveryException e) {
        metrics.failed(e.reason());
        return CompletableFuture.failedFuture(e);
    }

    private SinkDeliveryException closedException(String eventId, Throwable cause) {
        return new SinkDeliveryException(SinkDeliveryException.Reason.CLOSED, eventId, -1,
                "sink " + target + " is closed; event " + eventId + " was not acknowledged", cause);
    }

    // ---------------------------------------------------------------- helpers

    /** Knative data-plane contract: 2xx acknowledges. */
    static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    /** Knative retries 404, 408, 409, 429 and 5xx, and says to retry codes outside its table (1xx, 3xx). */
    static boolean isRetryable(int status) {
        return status == 404 || status == 408 || status == 409 || status == 429 || status >= 500
                || status < 200 || status >= 300 && status < 400;
    }

    private static String retryCause(int status) {
        if (status >= 500) {
            return "5xx";
        }
        return status < 200 || status >= 300 && status < 400 ? status / 100 + "xx" : Integer.toString(status);
    }

    private String bodySuffix(Buffer body) {
        if (body == null || body.length() == 0) {
            return "";
        }
        byte[] bytes = body.getBytes(0, Math.min(body.length(), MAX_BODY_CHARS * 4));
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.length() > MAX_BODY_CHARS) {
            text = text.substring(0, MAX_BODY_CHARS) + "...(truncated)";
        } else if (bytes.length < body.length()) {
            text = text + "...(truncated)";
        }
        return text.isEmpty() ? "" : ": " + scrub(text);
    }

    private String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + scrub(message)) + tlsAdvice(t);
    }

    /**
     * Netty reports any failed handshake as "Failed to create SSL connection": the reason, an untrusted chain or a
     * certificate naming other hosts, is at the bottom of the causes, and each has its own fix.
     */
    private String tlsAdvice(Throwable t) {
        Throwable root = t;
        boolean certificate = false;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            certificate |= root instanceof java.security.cert.CertificateException
                    || root instanceof java.security.GeneralSecurityException;
        }
        if (!certificate) {
            return "";
        }
        String reason = scrub(root.getMessage());
        if (root instanceof java.security.cert.CertPathBuilderException
                || root instanceof java.security.cert.CertPathValidatorException) {
            return " (" + reason + "): the endpoint's certificate is not signed by a trusted CA; give its CA as PEM"
                    + " (K_CA_CERTS, or the local runner's --ca-certs)";
        }
        if (reason.contains("subject alternative") || reason.contains("No name matching")) {
            return " (" + reason + "): the endpoint's certificate does not name this host; use the name it has, or set"
                    + " skipHostnameVerification: true";
        }
        return " (" + reason + ")";
    }

    /** Removes secret header values a server or library might echo back. */
    private String scrub(String text) {
        if (text == null) {
            return "";
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, REDACTED);
        }
        return result;
    }

    private static void awaitQuietly(CompletableFuture<?> future) {
        try {
            future.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Sink resources did not close cleanly: {}", e.toString());
        }
    }

    /** One event on its way. */
    private static final class Delivery {
        final String eventId;
        final RequestOptions options;
        final Buffer body;
        final CompletableFuture<Void> future = new CompletableFuture<>();
        final AtomicBoolean settled = new AtomicBoolean();
        volatile int attempts; // only the attempt chain, sequential per event, writes it

        Delivery(String eventId, RequestOptions options, Buffer body) {
            this.eventId = eventId;
            this.options = options;
            this.body = body;
        }
    }
}
