package io.sgstream.local.targets;

import io.micrometer.core.instrument.MeterRegistry;
import io.sgstream.api.spec.TargetPgLambda;
import io.sgstream.broker.delivery.Reply;
import io.sgstream.broker.delivery.SubscriberRegistry;
import io.sgstream.capture.CaptureStatus;
import io.sgstream.event.StreamId;
import io.sgstream.pglambda.Outcome;
import io.sgstream.pglambda.PgLambda;
import io.sgstream.pglambda.PgLambdaOptions;
import io.sgstream.pglambda.js.JsOptions;
import io.sgstream.pglambda.spec.ScriptKeyResolver;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A PgLambda target: the user's function, subscribed as {@code <stream>-pglambda}, answering the broker like its
 * Knative Service does (replies are re-published to the broker). Without Kubernetes there are no ConfigMaps or
 * Secrets, so the script must be inline.
 */
public final class PgLambdaTarget implements StreamTarget {

    private final PgLambda lambda;
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile String lastFailure;

    public PgLambdaTarget(StreamId id, TargetPgLambda target, MeterRegistry registry, SubscriberRegistry subscribers) {
        // no ConfigMaps or Secrets without Kubernetes: a scriptFrom stream fails here with the missing key named
        ScriptKeyResolver noKubernetes = ScriptKeyResolver.of(Map.of(), Map.of());
        this.lambda = PgLambda.forTarget(target, noKubernetes, JsOptions.defaults(), PgLambdaOptions.defaults().withMeters(registry));
        subscribers.register(id.name() + "-pglambda", event -> {
            Outcome o = lambda.handle(event);
            handled.incrementAndGet();
            if (o.reply() != null) {
                replies.incrementAndGet();
            }
            if (o.status() >= 300) {
                failed.incrementAndGet();
                lastFailure = o.error();
            }
            return new Reply(o.status(), o.reply(), o.error() == null || o.status() < 300 ? null : o.error().getBytes(StandardCharsets.UTF_8));
        });
    }

    @Override
    public String progress() {
        return String.format("function ran %,d events (%,d replies, %,d failed)", handled.get(), replies.get(), failed.get());
    }

    @Override
    public boolean caughtUp(CaptureStatus capture) {
        return true; // the broker acknowledges the capture only after the function answered
    }

    @Override
    public String failure() {
        return null; // a failing script is retried by the broker; the report shows it
    }

    @Override
    public boolean completed() {
        return true;
    }

    @Override
    public int report(PrintStream out, boolean caughtUp, boolean completed) {
        out.println();
        out.printf("PgLambda: the function ran for %,d events, replied %,d times, failed %,d times%n",
                handled.get(), replies.get(), failed.get());
        if (lastFailure != null) {
            out.println("  last failure: " + lastFailure);
        }
        return caughtUp && failed.get() == 0 ? 0 : 1;
    }

    @Override
    public void close() {
        // the function holds no connections
    }
}
