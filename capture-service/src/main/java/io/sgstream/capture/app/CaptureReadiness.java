package io.sgstream.capture.app;

import io.sgstream.capture.CaptureService;
import io.sgstream.capture.CaptureState;
import io.sgstream.capture.CaptureStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Optional;

/** Ready while connected to the source and capturing (snapshot or streaming); {@link SinkReadiness} adds the sink. */
@Readiness
@ApplicationScoped
public class CaptureReadiness implements HealthCheck {

    @Inject
    CaptureLifecycle lifecycle;

    @Override
    public HealthCheckResponse call() {
        Optional<CaptureService> capture = lifecycle.capture();
        HealthCheckResponseBuilder r = HealthCheckResponse.named("capture");
        Optional<String> notCapturing = lifecycle.notCapturingReason();
        if (capture.isEmpty()) {
            // Kubernetes mode: not holding the Lease (another pod captures), or nothing left to capture
            return r.down().withData("state", notCapturing.orElse("starting")).build();
        }
        notCapturing.ifPresent(why -> r.withData("notCapturing", why));
        CaptureStatus status = capture.get().status();
        r.withData("stream", status.stream().toString())
                .withData("state", status.state().name())
                .withData("snapshotCompleted", status.snapshotCompleted())
                .withData("eventsCaptured", status.eventsCaptured())
                .withData("acknowledgedTxSeq", status.acknowledgedTxSeq())
                .withData("lagMillis", status.lagMillis());
        boolean capturing = status.state() == CaptureState.SNAPSHOT || status.state() == CaptureState.STREAMING;
        return (capturing ? r.up() : r.down()).build();
    }
}
