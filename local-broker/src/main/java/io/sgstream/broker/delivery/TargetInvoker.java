package io.sgstream.broker.delivery;

import io.cloudevents.CloudEvent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Performs one attempt against a target: an HTTP POST, or a call of an in-process handler on the executor. */
public final class TargetInvoker {

    private final HttpTransport http;
    private final Executor executor;

    public TargetInvoker(HttpTransport http, Executor executor) {
        this.http = http;
        this.executor = executor;
    }

    public CompletableFuture<SubscriberResponse> invoke(Target target, CloudEvent event, boolean structured,
                                                        Duration timeout, Map<String, String> headers) {
        if (target instanceof Target.Http) {
            return http.post(((Target.Http) target).uri(), event, structured, timeout, headers);
        }
        InProcessSubscriber handler = ((Target.InProcess) target).handler();
        CompletableFuture<SubscriberResponse> response = handler instanceof AsyncInProcessSubscriber async
                ? callAsync(async, event)
                : CompletableFuture.supplyAsync(() -> call(handler, event), executor);
        // the handler thread cannot be stopped; the timeout only frees the delivery, as an HTTP timeout would
        return timeout == null ? response : response.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static CompletableFuture<SubscriberResponse> callAsync(AsyncInProcessSubscriber handler, CloudEvent event) {
        CompletableFuture<Reply> reply;
        try {
            reply = handler.handleAsync(event);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.handle((r, error) -> error != null ? failure(error)
                : SubscriberResponse.of(r == null ? Reply.noContent() : r));
    }

    private static SubscriberResponse failure(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return new SubscriberResponse(500, null, String.valueOf(cause).getBytes(StandardCharsets.UTF_8), null);
    }

    private static SubscriberResponse call(InProcessSubscriber handler, CloudEvent event) {
        try {
            Reply reply = handler.handle(event);
            if (reply == null) {
                return SubscriberResponse.of(Reply.noContent());
            }
            return SubscriberResponse.of(reply);
        } catch (Exception e) {
            // what an HTTP function framework (Funqy) answers for an exception: 500, retried
            return new SubscriberResponse(500, null, String.valueOf(e).getBytes(StandardCharsets.UTF_8), null);
        }
    }
}
