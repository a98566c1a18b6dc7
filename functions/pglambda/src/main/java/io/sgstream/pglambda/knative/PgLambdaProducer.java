package io.sgstream.pglambda.knative;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.sgstream.pglambda.PgLambda;
import io.sgstream.pglambda.PgLambdaOptions;
import io.sgstream.pglambda.http.PgLambdaHttp;
import io.sgstream.pglambda.js.JsOptions;
import io.sgstream.pglambda.js.ScriptConsole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Builds the PgLambda from configuration when the service starts, so a script that does not compile stops the
 * start with its line and column instead of failing every event.
 */
@ApplicationScoped
public class PgLambdaProducer {

    @Produces
    @Startup
    @ApplicationScoped
    PgLambda pgLambda(PgLambdaSettings settings, MeterRegistry meters) {
        JsOptions js = JsOptions.defaults()
                .withTimeout(settings.timeout())
                .withMaxAllocatedBytes(settings.maxAllocatedBytes())
                .withMaxStatements(settings.maxStatements())
                .withContexts(settings.contexts().orElse(2 * Runtime.getRuntime().availableProcessors()))
                .withScriptName(settings.scriptName())
                .withConsole(ScriptConsole.logging());
        PgLambdaOptions options = PgLambdaOptions.defaults()
                .withMeters(meters)
                .withMaxReplyBytes(settings.maxReplyBytes())
                .withParts(settings.maxPendingPartBytes(), settings.maxPartAge());
        return PgLambda.javascript(script(settings), js, options);
    }

    @Produces
    @ApplicationScoped
    PgLambdaHttp http(PgLambda lambda) {
        return new PgLambdaHttp(lambda);
    }

    void close(@Disposes PgLambda lambda) {
        lambda.close();
    }

    static String script(PgLambdaSettings settings) {
        if (settings.script().isPresent()) {
            return settings.script().get();
        }
        if (settings.scriptFile().isPresent()) {
            try {
                return Files.readString(settings.scriptFile().get());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the script file " + settings.scriptFile().get(), e);
            }
        }
        return ConfigProvider.getConfig().getOptionalValue("script", String.class)
                .orElseThrow(() -> new IllegalStateException("no script: set SCRIPT (as StackGres does), "
                        + "sgstream.pglambda.script or sgstream.pglambda.script-file"));
    }
}
