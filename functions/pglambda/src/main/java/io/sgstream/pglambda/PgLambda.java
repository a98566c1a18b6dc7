package io.sgstream.pglambda;

import io.cloudevents.CloudEvent;
import io.sgstream.api.spec.TargetPgLambda;
import io.sgstream.event.EventCodec;
import io.sgstream.event.EventParts;
import io.sgstream.event.EventTypes;
import io.sgstream.event.MalformedEventException;
import io.sgstream.event.StreamEvent;
import io.sgstream.pglambda.java.ChangeFunction;
import io.sgstream.pglambda.java.JavaFunction;
import io.sgstream.pglambda.js.JsFunction;
import io.sgstream.pglambda.js.JsOptions;
import io.sgstream.pglambda.spec.PgLambdaScripts;
import io.sgstream.pglambda.spec.ScriptKeyResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The PgLambda target: runs a user function for every event of a stream and says what to answer the Broker. Plain
 * Java, thread-safe; the Knative Service ({@code io.sgstream.pglambda.knative}) and the local runner both call
 * {@link #handle}.
 *
 * <p>For each delivered CloudEvent: a part of a split event is held until its event is whole ({@code 202}); an
 * event outside the {@code io.sgstream.*} family or breaking the contract is refused with {@code 400} and the
 * reason (the function does not run, the Broker does not retry); otherwise the function runs and its answer
 * becomes {@code 200} with a reply CloudEvent, {@code 2xx} without body, the 4xx/5xx it chose, or {@code 500} with
 * the error when it threw, produced an invalid reply or was stopped by a limit (the Broker retries, then
 * dead-letters).
 */
public final class PgLambda implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PgLambda.class);

    private final UserFunction function;
    private final PgLambdaOptions options;
    private final PgLambdaMetrics metrics;
    private final PartAssembler parts;
    private final AtomicBoolean toldAboutBody = new AtomicBoolean();

    public PgLambda(UserFunction function, PgLambdaOptions options) {
        this.function = function;
        this.options = options;
        this.metrics = new PgLambdaMetrics(options.meters(), options.tags());
        this.parts = new PartAssembler(options.maxPendingPartBytes(), options.maxPartAge(), Clock.systemUTC(),
                metrics::partEvicted);
    }

    /**
     * A JavaScript PgLambda with default limits.
     *
     * @throws io.sgstream.pglambda.js.ScriptCompileException when the script does not compile (line and column)
     */
    public static PgLambda javascript(String script) {
        return javascript(script, JsOptions.defaults(), PgLambdaOptions.defaults());
    }

    /** @throws io.sgstream.pglambda.js.ScriptCompileException when the script does not compile (line and column) */
    public static PgLambda javascript(String script, JsOptions js, PgLambdaOptions options) {
        return new PgLambda(JsFunction.compile(script, js), options);
    }

    /**
     * The PgLambda an SGStream's {@code spec.target.pgLambda} asks for, its script read inline or through the resolver.
     *
     * @throws IllegalArgumentException for an invalid section or a missing key
     * @throws io.sgstream.pglambda.js.ScriptCompileException when the script does not compile (line and column)
     */
    public static PgLambda forTarget(TargetPgLambda target, ScriptKeyResolver resolver, JsOptions js, PgLambdaOptions options) {
        String script = PgLambdaScripts.script(target, resolver);
        return javascript(script, js.withScriptName(PgLambdaScripts.scriptName(target)), options);
    }

    /** A Java function run in-process for every change (transaction ends and signals are acknowledged). */
    public static PgLambda java(ChangeFunction function, PgLambdaOptions options) {
        return new PgLambda(new JavaFunction(function), options);
    }

    public PgLambdaMetrics metrics() {
        return metrics;
    }

    /** Counts and answers a request that is not a readable CloudEvent (the HTTP layer finds those). */
    public Outcome rejectMalformed(String reason) {
        metrics.malformed();
        return Outcome.malformed(reason);
    }

    /** Handles an event that did not come over HTTP (a script sees the request a Broker would have sent). */
    public Outcome handle(CloudEvent event) {
        return handle(event, null);
    }

    /**
     * Handles one delivered event.
     *
     * @param request the HTTP request that carried it, or null for an in-process call
     */
    public Outcome handle(CloudEvent event, InboundRequest request) {
        if (!EventParts.isPart(event)) {
            return run(event, request);
        }
        String key = PartAssembler.key(event);
        Optional<CloudEvent> whole;
        try {
            whole = parts.offer(event);
        } catch (MalformedEventException e) {
            metrics.malformed();
            return Outcome.malformed(e.getMessage());
        }
        if (whole.isEmpty()) {
            return Outcome.partHeld();
        }
        Outcome outcome = run(whole.get(), null);
        if (!outcome.retried()) {
            parts.forget(key); // keep the parts while the Broker retries the part that completed the event
        }
        return outcome;
    }

    private Outcome run(CloudEvent event, InboundRequest request) {
        StreamEvent decoded;
        try {
            if (event.getType() == null || !event.getType().startsWith(EventTypes.PREFIX)) {
                throw new MalformedEventException("type '" + event.getType() + "' is not an SGStream event ("
                        + EventTypes.PREFIX + "*): the Trigger of a PgLambda should filter on type " + EventTypes.CHANGE);
            }
            decoded = EventCodec.fromCloudEvent(event);
        } catch (MalformedEventException e) {
            metrics.malformed();
            return Outcome.malformed(e.getMessage());
        }
        Delivery delivery = new Delivery(event, decoded, request);
        long start = System.nanoTime();
        Outcome outcome;
        FunctionFailure.Reason failure = null;
        try {
            outcome = outcome(delivery, function.apply(delivery));
        } catch (FunctionFailure f) {
            failure = f.reason();
            outcome = f.reason() == FunctionFailure.Reason.TIMEOUT ? Outcome.timedOut(f.getMessage()) : Outcome.failed(f.getMessage());
        } catch (RuntimeException e) {
            failure = FunctionFailure.Reason.ERROR;
            outcome = Outcome.failed("function failed: " + e);
        }
        metrics.ran(outcome, failure, System.nanoTime() - start);
        if (outcome.error() != null && LOG.isDebugEnabled()) {
            LOG.debug("event {} of {}: {} {}", event.getId(), event.getSource(), outcome.status(), outcome.error());
        }
        return outcome;
    }

    private Outcome outcome(Delivery delivery, FunctionResult result) throws FunctionFailure {
        if (result.dropped()) {
            return Outcome.dropped();
        }
        int status = result.status();
        if (status >= 400 && status <= 599) {
            return Outcome.functionStatus(status, result.body());
        }
        if (status < 200 || status > 299) {
            throw new FunctionFailure(FunctionFailure.Reason.ERROR, "function answered " + status
                    + ": a Broker understands 2xx (acknowledged), 4xx (rejected) and 5xx (retry)");
        }
        if (result.reply() != null) {
            return Outcome.replied(ReplyEvents.build(delivery.event(), delivery.decoded().stream(), result.reply(),
                    options.maxReplyBytes()));
        }
        if (!result.body().isEmpty() && LOG.isDebugEnabled() && toldAboutBody.compareAndSet(false, true)) {
            // StackGres examples end with response.end('OK'): common and harmless, so only said at DEBUG, once
            LOG.debug("the function wrote a response body; it is not sent, because a Broker fails a 2xx answer whose "
                    + "body is not a CloudEvent (502, retried). Emit events with reply(type, data) instead.");
        }
        return Outcome.acknowledged(status);
    }

    @Override
    public void close() {
        function.close();
    }
}
