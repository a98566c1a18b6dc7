package io.sgstream.capture.app;

import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.capture.sink.HttpSinkConfig;
import io.sgstream.capture.sink.SinkHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/** Ready only while the sink takes events: failing deliveries (or an unreachable host before the first) say not. */
@Readiness
@ApplicationScoped
public class SinkReadiness implements HealthCheck {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    @Inject
    HttpEventSink sink;

    @Override
    public HealthCheckResponse call() {
        SinkHealth health = sink.health();
        HealthCheckResponseBuilder r = HealthCheckResponse.named("sink")
                .withData("url", HttpSinkConfig.redact(sink.config().url()))
                .withData("inFlight", sink.inFlight());
        if (health.failing()) {
            return r.down().withData("failingAttempts", health.failingAttempts())
                    .withData("lastProblem", health.lastProblem()).build();
        }
        if (health.lastAcknowledged() != null) {
            return r.up().withData("lastAcknowledged", health.lastAcknowledged().toString()).build();
        }
        String unreachable = SinkProbe.unreachableReason(sink.config().url(), PROBE_TIMEOUT);
        return unreachable == null ? r.up().build() : r.down().withData("lastProblem", unreachable).build();
    }
}
