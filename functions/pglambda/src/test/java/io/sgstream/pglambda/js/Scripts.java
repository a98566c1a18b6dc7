package io.sgstream.pglambda.js;

import io.sgstream.pglambda.PgLambda;
import io.sgstream.pglambda.PgLambdaOptions;

import java.time.Duration;

/** Builds JavaScript PgLambdas for tests: small limits so a runaway script is stopped quickly. */
public final class Scripts {

    private Scripts() {
    }

    public static JsOptions options(Console console) {
        return JsOptions.defaults().withContexts(2).withConsole(console).withTimeout(Duration.ofSeconds(5));
    }

    public static PgLambda lambda(String script, Console console) {
        return PgLambda.javascript(script, options(console), PgLambdaOptions.defaults());
    }

    public static PgLambda lambda(String script) {
        return lambda(script, new Console());
    }
}
