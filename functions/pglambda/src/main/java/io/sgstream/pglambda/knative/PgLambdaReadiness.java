package io.sgstream.pglambda.knative;

import io.sgstream.pglambda.PgLambda;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the script is compiled and loaded (the service does not start otherwise), with its counters. */
@Readiness
@ApplicationScoped
public class PgLambdaReadiness implements HealthCheck {

    @Inject
    PgLambda lambda;

    @Inject
    PgLambdaSettings settings;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("pglambda")
                .withData("script", settings.scriptName())
                .withData("invocations", lambda.metrics().invocations())
                .up()
                .build();
    }
}
