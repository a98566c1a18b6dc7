package io.sgstream.capture.app;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Mounts {@link SignalEndpoint} on {@code POST /} of the HTTP server (port 8080). */
@ApplicationScoped
public class SignalRoute {

    void install(@Observes Router router, CaptureLifecycle lifecycle) {
        new SignalEndpoint(lifecycle::capture, lifecycle::tombstoneAcknowledged).install(router);
    }
}
