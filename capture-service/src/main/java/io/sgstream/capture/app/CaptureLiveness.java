package io.sgstream.capture.app;

import io.sgstream.capture.CaptureService;
import io.sgstream.capture.CaptureState;
import io.sgstream.capture.CaptureStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import java.util.Optional;

/** Alive unless the capture failed for good (its engine stopped on an error); a restart resumes it. */
@Liveness
@ApplicationScoped
public class CaptureLiveness implements HealthCheck {

    @Inject
    CaptureLifecycle lifecycle;

    @Override
    public HealthCheckResponse call() {
        Optional<CaptureService> capture = lifecycle.capture();
        HealthCheckResponseBuilder r = HealthCheckResponse.named("capture");
        if (capture.isEmpty()) {
            return r.up().withData("state", "starting").build();
        }
        CaptureStatus status = capture.get().status();
        r.withData("stream", status.stream().toString()).withData("state", status.state().name());
        if (status.state() == CaptureState.FAILED) {
            return r.down().withData("failure", String.valueOf(status.failure())).build();
        }
        return r.up().build();
    }
}
