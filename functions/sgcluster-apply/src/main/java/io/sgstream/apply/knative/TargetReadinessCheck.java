package io.sgstream.apply.knative;

import io.sgstream.apply.SgClusterApply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the target database answers: without it no event can be acknowledged. */
@Readiness
@ApplicationScoped
public class TargetReadinessCheck implements HealthCheck {

    @Inject
    SgClusterApply apply;

    @Override
    public HealthCheckResponse call() {
        try {
            apply.checkTarget();
            return HealthCheckResponse.up("target database");
        } catch (Exception e) {
            return HealthCheckResponse.named("target database").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
