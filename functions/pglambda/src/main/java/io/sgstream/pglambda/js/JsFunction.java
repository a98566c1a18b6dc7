package io.sgstream.pglambda.js;

import io.sgstream.pglambda.Delivery;
import io.sgstream.pglambda.FunctionFailure;
import io.sgstream.pglambda.FunctionResult;
import io.sgstream.pglambda.InboundRequest;
import io.sgstream.pglambda.UserFunction;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;

import java.util.Objects;

/**
 * A JavaScript PgLambda script, run with GraalJS in a sandbox.
 *
 * <p>The script is compiled once: one {@link Engine} per function holds the parsed source, and every context (a
 * bounded pool, each context reused for event after event) loads it from there; an event only calls into a loaded
 * context, nothing is evaluated. A script that does not compile is rejected by {@link #compile} with its line and
 * column. Scripts run on the caller's thread.
 *
 * <p>What is enforced (GraalJS community 25 in interpreter mode on a HotSpot JVM):
 * <ul>
 * <li>no host access: no Java class lookup ({@code Java.type} fails), no host objects, no file system or network
 *     ({@code load()} fails), no environment variables (there is no {@code process}), no threads, no native code,
 *     no process creation, no other languages;</li>
 * <li>time: a watchdog cancels a script that runs longer than {@link JsOptions#timeout()} for one event (the
 *     context is closed and replaced, later events run normally);</li>
 * <li>memory: a script that allocates more than {@link JsOptions#maxAllocatedBytes()} while handling one event is
 *     cancelled the same way (allocation counted on the running thread; retained heap cannot be measured on a
 *     stock JVM, and one allocation larger than the free heap still fails with the JVM's own OutOfMemoryError);</li>
 * <li>statements: optionally {@link JsOptions#maxStatements()} per event (GraalJS resource limits), a deterministic
 *     complement to the time limit;</li>
 * <li>stack: recursion is bounded by the calling thread's stack (the JVM's {@code -Xss} for worker threads);
 *     overflowing it is a {@code RangeError} the script may catch, and the context stays usable;</li>
 * <li>concurrency: at most {@link JsOptions#contexts()} scripts run at once, each in its own context.</li>
 * </ul>
 */
public final class JsFunction implements UserFunction {

    private final Engine engine;
    private final JsScript script;
    private final JsOptions options;
    private final Watchdog watchdog;
    private final JsPool pool;

    private JsFunction(Engine engine, JsScript script, JsOptions options) {
        this.engine = engine;
        this.script = script;
        this.options = options;
        this.watchdog = new Watchdog(options);
        this.pool = new JsPool(options.contexts(), () -> JsInstance.create(engine, script, options));
    }

    /**
     * Compiles a script and loads it into a first context.
     *
     * @throws ScriptCompileException with the line and column of the first syntax error
     */
    public static JsFunction compile(String script, JsOptions options) {
        Objects.requireNonNull(script, "script");
        Engine engine = JsSandbox.engine();
        JsFunction function = new JsFunction(engine, new JsScript(script, options.scriptName()), options);
        try {
            function.pool.giveBack(function.pool.borrow());
            return function;
        } catch (RuntimeException e) {
            function.close();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            function.close();
            throw new IllegalStateException("interrupted while loading " + options.scriptName(), e);
        }
    }

    public JsOptions options() {
        return options;
    }

    /** Whether {@link JsOptions#maxAllocatedBytes()} is enforced on this JVM. */
    public boolean enforcesMemoryBudget() {
        return watchdog.enforcesAllocation();
    }

    @Override
    public FunctionResult apply(Delivery delivery) throws FunctionFailure {
        InboundRequest request = delivery.request();
        String attributes = JsEventJson.attributes(delivery.event());
        String data = JsEventJson.data(delivery.event());
        // In-process: the runtime derives binary-mode headers from the event if the script reads them.
        String method = request == null ? "POST" : request.method();
        String path = request == null ? "/" : request.path();
        String headers = request == null ? null : JsEventJson.headers(request.headers());
        String body = request == null ? (data == null ? "" : data) : request.body();
        JsInstance instance;
        try {
            instance = pool.borrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunctionFailure(FunctionFailure.Reason.ERROR, "interrupted while waiting for a script context", e);
        } catch (RuntimeException e) {
            throw new FunctionFailure(FunctionFailure.Reason.ERROR, "no script context: " + e.getMessage(), e);
        }
        String result = run(instance, attributes, data, method, path, headers, body);
        try {
            return JsEventJson.result(result);
        } catch (IllegalArgumentException e) {
            throw new FunctionFailure(FunctionFailure.Reason.ERROR, e.getMessage(), e);
        }
    }

    /** Runs the script in a borrowed context and gives the context back, or discards it if it cannot be reused. */
    private String run(JsInstance instance, String attributes, String data, String method, String path, String headers,
                       String body) throws FunctionFailure {
        Invocation invocation = watchdog.start(instance);
        try {
            String result = instance.invoke(attributes, data, method, path, headers, body);
            if (invocation.finish()) {
                pool.giveBack(instance);
                return result;
            }
            throw cancelled(invocation, instance);
        } catch (PolyglotException e) {
            if (!invocation.finish()) {
                throw cancelled(invocation, instance);
            }
            if (e.isResourceExhausted()) {
                pool.discard(instance);
                throw new FunctionFailure(FunctionFailure.Reason.LIMIT, "script executed more than its limit of "
                        + options.maxStatements() + " statements for one event and was stopped");
            }
            if (e.isGuestException() && !e.isCancelled() && !e.isExit()) {
                pool.giveBack(instance);
                throw new FunctionFailure(FunctionFailure.Reason.ERROR, script.describe(e));
            }
            pool.discard(instance);
            throw new FunctionFailure(FunctionFailure.Reason.ERROR, "script failed: " + e.getMessage(), e);
        } catch (RuntimeException e) { // e.g. the watchdog closed the context between run and result
            if (!invocation.finish()) {
                throw cancelled(invocation, instance);
            }
            pool.discard(instance);
            throw new FunctionFailure(FunctionFailure.Reason.ERROR, "script failed: " + e, e);
        } finally {
            watchdog.end(invocation);
        }
    }

    private FunctionFailure cancelled(Invocation invocation, JsInstance instance) {
        pool.discard(instance);
        Invocation.Cancellation c = invocation.cancellation();
        return new FunctionFailure(c.reason(), c.message());
    }

    @Override
    public void close() {
        pool.close();
        watchdog.close();
        try {
            engine.close(true);
        } catch (RuntimeException e) {
            // contexts are already cancelled; nothing more to release
        }
    }
}
