package io.sgstream.capture.app;

import io.sgstream.api.SGStream;
import io.sgstream.api.StreamNames;
import io.sgstream.api.secret.SecretResolver;
import io.sgstream.api.spec.CloudEventHttp;
import io.sgstream.api.spec.StreamTarget;
import io.sgstream.api.spec.TargetType;
import io.sgstream.capture.sink.HttpSinkConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Where the capture sends its events, from the SGStream target and the service's settings. Precedence of the url:
 * {@code K_SINK} (the SinkBinding contract) over {@code sgstream.sink.url} over the SGStream's own url. A
 * {@code CloudEvent} target names its endpoint; a {@code PgLambda} target defaults to its Knative Service
 * {@code http://<stream>.<namespace>}; an {@code SGCluster} target is applied by a function behind the Broker, so its
 * events go to {@code K_SINK}.
 */
final class SinkConfigFactory {

    private SinkConfigFactory() {
    }

    /**
     * @param secretHeaders header name to value, {@code ${secret:<name>/<key>}} references unresolved
     */
    static HttpSinkConfig create(SGStream stream, CaptureSettings.Sink settings, Map<String, String> secretHeaders,
                                 Map<String, String> knativeEnv, SecretResolver secrets) {
        StreamTarget target = stream.getSpec() == null ? null : stream.getSpec().getTarget();
        TargetType type = target == null ? null : target.targetType().orElse(null);
        HttpSinkConfig.Builder b = HttpSinkConfig.fromSgStream(http(target, type), secrets);
        if (type == TargetType.PG_LAMBDA) {
            b.url(StreamNames.pgLambdaUrl(stream)); // its own url, or the default Service; overridden below
        }
        settings.url().ifPresent(b::url);
        secretHeaders.forEach((name, value) -> b.secretHeader(name, value, secrets));
        settings.caFile().ifPresent(file -> {
            try {
                b.trustCertificates(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read sgstream.sink.ca-file " + file, e);
            }
        });
        return b.maxInFlight(settings.maxInFlight())
                .closeTimeout(settings.closeTimeout())
                .knativeEnvironment(knativeEnv)
                .build();
    }

    private static CloudEventHttp http(StreamTarget target, TargetType type) {
        if (type == TargetType.CLOUD_EVENT && target.getCloudEvent() != null) {
            return target.getCloudEvent().getHttp();
        }
        if (type == TargetType.PG_LAMBDA && target.getPgLambda() != null && target.getPgLambda().getKnative() != null) {
            return target.getPgLambda().getKnative().getHttp();
        }
        return null;
    }
}
