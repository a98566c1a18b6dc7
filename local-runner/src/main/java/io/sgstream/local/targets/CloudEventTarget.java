package io.sgstream.local.targets;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sgstream.api.SGStream;
import io.sgstream.api.secret.SecretResolver;
import io.sgstream.capture.CaptureStatus;
import io.sgstream.capture.sink.EventSink;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.capture.sink.HttpSinkConfig;
import io.sgstream.capture.sink.StreamSinkConfig;

import java.io.PrintStream;
import java.util.List;

/**
 * A CloudEvent target, delivered as on Kubernetes: the capture service itself posts every event to
 * {@code spec.target.cloudEvent.http.url} with {@link HttpEventSink}, configured from the SGStream by the code the
 * capture service uses there ({@link StreamSinkConfig}): {@code headers} (with {@code ${secret:<name>/<key>}}
 * references resolved like the source's Secrets), {@code connectTimeout}, {@code readTimeout}, {@code retryLimit}
 * (unset: retry forever; spent: the capture stops, as there), {@code retryBackoffDelay} and
 * {@code skipHostnameVerification}; an https endpoint with a private CA is trusted by the CA bundles given to the
 * runner ({@code --ca-certs}, {@code K_CA_CERTS}), as Knative's {@code K_CA_CERTS} is on Kubernetes. The broker carries only the stream's signal requests, as the stream controller
 * creates no Trigger for this target. An event counts once the endpoint answered 2xx, so the stream has caught up
 * when nothing is in flight.
 */
public final class CloudEventTarget implements StreamTarget {

    private final HttpSinkConfig config;
    private final MeterRegistry registry;

    /** @param caCertificates PEM bundles trusted besides the JDK's CAs */
    public CloudEventTarget(SGStream stream, SecretResolver secrets, List<String> caCertificates, MeterRegistry registry) {
        var http = stream.getSpec().getTarget().getCloudEvent() == null ? null : stream.getSpec().getTarget().getCloudEvent().getHttp();
        if (http == null || http.getUrl() == null || http.getUrl().isBlank()) {
            throw new IllegalArgumentException("spec.target.cloudEvent.http.url is required for a CloudEvent target");
        }
        HttpSinkConfig.Builder sink = StreamSinkConfig.of(stream, secrets);
        caCertificates.forEach(sink::trustCertificates);
        this.config = sink.build();
        this.registry = registry;
    }

    /** The capture's sink: the endpoint itself. */
    public EventSink sink() {
        return new HttpEventSink(config, registry);
    }

    /** What is sent where and how; secret header values and query strings redacted. */
    public String describe() {
        return config.toString();
    }

    private double sent() {
        Counter c = registry.find("sgstream.sink.events.sent").counter();
        return c == null ? 0 : c.count();
    }

    private double sum(String counter) {
        return registry.find(counter).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Override
    public String progress() {
        return String.format("delivered %,.0f to %s (retries %,.0f)", sent(), HttpSinkConfig.redact(config.url()),
                sum("sgstream.sink.retries"));
    }

    @Override
    public boolean caughtUp(CaptureStatus capture) {
        return capture.inFlight() == 0; // acknowledged by the endpoint means done with
    }

    @Override
    public String failure() {
        return null; // an event the endpoint refuses for good fails the capture, which stops the run
    }

    @Override
    public boolean completed() {
        return true;
    }

    @Override
    public int report(PrintStream out, boolean caughtUp, boolean completed) {
        double failed = sum("sgstream.sink.events.failed");
        out.println();
        out.printf("CloudEvent: %,.0f events delivered to %s, %,.0f retries, %,.0f failed%n", sent(),
                HttpSinkConfig.redact(config.url()), sum("sgstream.sink.retries"), failed);
        return caughtUp && failed == 0 ? 0 : 1;
    }

    @Override
    public void close() {
        // the sink is closed by the runner, after the capture
    }
}
