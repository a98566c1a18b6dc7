package io.sgstream.capture.app;

import io.cloudevents.CloudEvent;
import io.sgstream.api.SGStream;
import io.sgstream.capture.CaptureService;
import io.sgstream.capture.CaptureState;
import io.sgstream.event.CloudEventsHttp;
import io.sgstream.event.MalformedEventException;
import io.sgstream.event.SignalEvent;
import io.sgstream.event.SignalRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code POST /}: signal requests ({@code io.sgstream.control.signal} CloudEvents, binary or structured) from the
 * stream's Trigger. Answers 202 with an empty body once the signal is placed in the source (durable in its WAL from
 * then on), 400 with the reason for a malformed event or one for another stream, 503 when the capture is not
 * running (the Broker retries). When a tombstone is acknowledged by the sink, {@code onTombstone} is called with the
 * capture, on a thread of its own.
 */
public final class SignalEndpoint {

    private static final Logger LOG = Logger.getLogger(SignalEndpoint.class);
    static final int MAX_BODY_BYTES = 1024 * 1024;

    /** An HTTP answer. */
    public record Reply(int status, String body) {
    }

    private final Supplier<Optional<CaptureService>> capture;
    private final Consumer<CaptureService> onTombstone;

    public SignalEndpoint(Supplier<Optional<CaptureService>> capture, Consumer<CaptureService> onTombstone) {
        this.capture = Objects.requireNonNull(capture, "capture");
        this.onTombstone = Objects.requireNonNull(onTombstone, "onTombstone");
    }

    /** Handles {@code POST /} on {@code router} (blocking: placing a signal writes to the source). */
    public void install(Router router) {
        router.post("/").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
                .blockingHandler(this::handle, false);
    }

    private void handle(RoutingContext ctx) {
        Map<String, String> headers = new HashMap<>();
        ctx.request().headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        Reply reply = handle(headers, body);
        ctx.response().setStatusCode(reply.status());
        if (reply.body().isEmpty()) {
            ctx.response().end();
        } else {
            ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(reply.body());
        }
    }

    /** The answer to a request with these headers and body. */
    public Reply handle(Map<String, String> headers, byte[] body) {
        SignalRequest request;
        try {
            CloudEvent event = CloudEventsHttp.read(headers, body);
            request = SignalRequest.fromCloudEvent(event);
        } catch (MalformedEventException | IllegalArgumentException e) {
            return new Reply(400, e.getMessage());
        }
        Optional<CaptureService> found = capture.get();
        if (found.isEmpty()) {
            return new Reply(503, "the capture has not started yet");
        }
        CaptureService running = found.get();
        if (!request.stream().equals(running.config().stream())) {
            return new Reply(400, "signal request for stream " + request.stream() + ", but this service captures "
                    + running.config().stream());
        }
        CompletableFuture<Optional<SignalEvent>> acknowledged;
        try {
            acknowledged = running.requestSignal(request);
        } catch (RuntimeException e) {
            CaptureState state = running.state();
            boolean notRunning = state != CaptureState.STARTING && state != CaptureState.SNAPSHOT
                    && state != CaptureState.STREAMING;
            LOG.warnf("Signal request %s not placed: %s", request.id(), e.getMessage());
            return new Reply(notRunning ? 503 : 500, e.getMessage());
        }
        if (SGStream.TOMBSTONE_SIGNAL.equals(request.name())) {
            acknowledged.thenAccept(sent -> sent.ifPresent(signal -> new Thread(() -> onTombstone.accept(running),
                    "sgstream-tombstone-" + request.stream().name()).start()));
        }
        return new Reply(202, "");
    }
}
