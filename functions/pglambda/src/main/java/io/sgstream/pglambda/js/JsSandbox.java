package io.sgstream.pglambda.js;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.io.IOAccess;

import java.io.OutputStream;

/**
 * How script contexts are locked down. {@link SandboxPolicy#CONSTRAINED} is the strictest policy GraalJS community
 * offers on a stock JVM (ISOLATED and UNTRUSTED need Oracle GraalVM); it makes the builder refuse native access,
 * process creation, system exit, unredirected output and mutable host mappings. On top of it each context gets no
 * host class lookup, no host objects (nothing of ours is exported), no file system or sockets, no environment
 * variables, no thread creation and no other polyglot language.
 */
final class JsSandbox {

    private JsSandbox() {
    }

    /** One engine per function: every context created from it shares the parsed script. */
    static Engine engine() {
        return Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                // Java 17 without the Graal compiler: interpreter mode is expected, not a misconfiguration.
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }

    static Context.Builder context(Engine engine, JsOptions options) {
        Context.Builder builder = Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .allowAllAccess(false)
                .allowHostAccess(HostAccess.CONSTRAINED) // nothing of ours is annotated @Export: no host object is usable
                .allowHostClassLookup(className -> false)
                .allowIO(IOAccess.NONE)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowCreateProcess(false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowExperimentalOptions(false)
                .out(new ConsoleStream(options.console(), ScriptConsole.Stream.OUT))
                .err(new ConsoleStream(options.console(), ScriptConsole.Stream.ERR))
                .option("js.graal-builtin", "false")
                // an async callback that throws must fail the event, not vanish
                .option("js.unhandled-rejections", "throw");
        if (options.maxStatements() > 0) {
            builder.resourceLimits(ResourceLimits.newBuilder().statementLimit(options.maxStatements(), null).build());
        }
        return builder;
    }
}
