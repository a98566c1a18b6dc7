package io.sgstream.pglambda.js;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and settings of the JavaScript runtime. What each limit enforces on a HotSpot JVM with GraalJS community
 * (interpreter mode) is described in {@link JsFunction}.
 *
 * @param timeout           longest a script may run for one event; it is then cancelled
 * @param maxAllocatedBytes bytes a script may allocate while handling one event (0: no limit)
 * @param maxStatements     JavaScript statements a script may execute for one event (0: no limit)
 * @param contexts          scripts running at the same time, each in a context of its own; more callers wait
 * @param checkInterval     how often the watchdog checks running scripts against the time and memory limits
 * @param scriptName        name of the script in error messages and stack traces
 * @param console           where {@code console.log} and {@code console.error} lines go
 */
public record JsOptions(Duration timeout, long maxAllocatedBytes, long maxStatements, int contexts,
                        Duration checkInterval, String scriptName, ScriptConsole console) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_MAX_ALLOCATED_BYTES = 256L * 1024 * 1024;

    public JsOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(checkInterval, "checkInterval");
        Objects.requireNonNull(scriptName, "scriptName");
        Objects.requireNonNull(console, "console");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (contexts < 1) {
            throw new IllegalArgumentException("contexts must be at least 1, was " + contexts);
        }
        if (maxAllocatedBytes < 0 || maxStatements < 0) {
            throw new IllegalArgumentException("limits cannot be negative");
        }
    }

    public static JsOptions defaults() {
        return new JsOptions(DEFAULT_TIMEOUT, DEFAULT_MAX_ALLOCATED_BYTES, 0, 2 * Runtime.getRuntime().availableProcessors(),
                Duration.ofMillis(25), "pglambda.js", ScriptConsole.logging());
    }

    public JsOptions withTimeout(Duration value) {
        return new JsOptions(value, maxAllocatedBytes, maxStatements, contexts, checkInterval, scriptName, console);
    }

    public JsOptions withMaxAllocatedBytes(long value) {
        return new JsOptions(timeout, value, maxStatements, contexts, checkInterval, scriptName, console);
    }

    public JsOptions withMaxStatements(long value) {
        return new JsOptions(timeout, maxAllocatedBytes, value, contexts, checkInterval, scriptName, console);
    }

    public JsOptions withContexts(int value) {
        return new JsOptions(timeout, maxAllocatedBytes, maxStatements, value, checkInterval, scriptName, console);
    }

    public JsOptions withCheckInterval(Duration value) {
        return new JsOptions(timeout, maxAllocatedBytes, maxStatements, contexts, value, scriptName, console);
    }

    public JsOptions withScriptName(String value) {
        return new JsOptions(timeout, maxAllocatedBytes, maxStatements, contexts, checkInterval, value, console);
    }

    public JsOptions withConsole(ScriptConsole value) {
        return new JsOptions(timeout, maxAllocatedBytes, maxStatements, contexts, checkInterval, scriptName, value);
    }
}
