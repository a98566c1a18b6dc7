package io.sgstream.capture.app;

import io.sgstream.api.SGStream;
import io.sgstream.api.secret.SecretResolver;
import io.sgstream.capture.sink.HttpSinkConfig;
import io.sgstream.capture.sink.StreamSinkConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Where the capture sends its events: the SGStream's part ({@link StreamSinkConfig}, shared with the local runner)
 * and the service's settings. Precedence of the url: {@code K_SINK} (the SinkBinding contract) over
 * {@code sgstream.sink.url} over the SGStream's own url; an {@code SGCluster} target is applied by a function behind
 * the Broker, so its events go to {@code K_SINK}.
 */
final class SinkConfigFactory {

    private SinkConfigFactory() {
    }

    /**
     * @param secretHeaders header name to value, {@code ${secret:<name>/<key>}} references unresolved
     */
    static HttpSinkConfig create(SGStream stream, CaptureSettings.Sink settings, Map<String, String> secretHeaders,
                                 Map<String, String> knativeEnv, SecretResolver secrets) {
        HttpSinkConfig.Builder b = StreamSinkConfig.of(stream, secrets);
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
}
