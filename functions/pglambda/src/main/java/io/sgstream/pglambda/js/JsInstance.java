package io.sgstream.pglambda.js;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * One sandboxed context with the runtime and the user's function loaded, used by one thread at a time and reused
 * for event after event. Per event it only calls the two functions the runtime returned: nothing is evaluated.
 */
final class JsInstance implements AutoCloseable {

    private final Context context;
    private final Value run;
    private final Value result;
    private final boolean limited;

    private JsInstance(Context context, Value run, Value result, boolean limited) {
        this.context = context;
        this.run = run;
        this.result = result;
        this.limited = limited;
    }

    /** Creates a context and loads the script into it; the engine parses the script only for the first one. */
    static JsInstance create(Engine engine, JsScript script, JsOptions options) {
        Context context = JsSandbox.context(engine, options).build();
        try {
            Value runtime = context.eval(script.runtime());
            Value function = context.eval(script.user());
            if (!function.canExecute() || !script.isWholeWrapper(function.getSourceLocation())) {
                throw script.notAFunctionBody();
            }
            Value api = runtime.execute(function);
            return new JsInstance(context, api.getMember("run"), api.getMember("result"), options.maxStatements() > 0);
        } catch (PolyglotException e) {
            close(context);
            throw script.compileError(e);
        } catch (RuntimeException e) {
            close(context);
            throw e;
        }
    }

    /** Runs the script for one event and returns the runtime's result JSON. */
    String invoke(String attributes, String data, String method, String path, String headers, String body) {
        if (limited) {
            context.resetLimits(); // the statement budget is per event
        }
        run.executeVoid(attributes, data, method, path, headers, body);
        return result.execute().asString();
    }

    /** Stops a running script from another thread; the context is unusable afterwards. */
    void cancel() {
        close(context);
    }

    @Override
    public void close() {
        close(context);
    }

    private static void close(Context context) {
        try {
            context.close(true);
        } catch (RuntimeException e) {
            // already closed or closing on another thread: either way it is gone
        }
    }
}
