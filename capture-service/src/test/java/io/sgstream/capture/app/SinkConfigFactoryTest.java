package io.sgstream.capture.app;

import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreams;
import io.sgstream.api.secret.EnvSecretResolver;
import io.sgstream.capture.sink.HttpSinkConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkConfigFactoryTest {

    private static final EnvSecretResolver SECRETS = new EnvSecretResolver(
            Map.of("SGSTREAM_SECRET_SINK_AUTH_TOKEN", "t0ken"), null);

    private static SGStream stream(String target) {
        return SGStreams.fromYaml("""
                apiVersion: stackgres.io/v1alpha1
                kind: SGStream
                metadata: {name: orders, namespace: shop}
                spec:
                  source:
                    type: Postgres
                    postgres:
                      host: db
                      username: {name: creds, key: user}
                      password: {name: creds, key: password}
                  target:
                %s
                  pods:
                    persistentVolume: {size: 1Gi}
                """.formatted(target.indent(4)));
    }

    private static CaptureSettings.Sink settings(String url) {
        return new CaptureSettings.Sink() {
            public Optional<String> url() {
                return Optional.ofNullable(url);
            }

            public int maxInFlight() {
                return 32;
            }

            public Map<String, String> secretHeaders() {
                return Map.of();
            }

            public Optional<Path> caFile() {
                return Optional.empty();
            }

            public Duration closeTimeout() {
                return Duration.ofSeconds(3);
            }
        };
    }

    private static final String CLOUD_EVENT = """
            type: CloudEvent
            cloudEvent:
              http:
                url: https://events.example/in
                headers: {X-Team: billing}
                retryLimit: 4
            """;

    @Test
    void theCloudEventTargetsOwnUrlAndSettings() {
        HttpSinkConfig c = SinkConfigFactory.create(stream(CLOUD_EVENT), settings(null), Map.of(), Map.of(), SECRETS);

        assertThat(c.url()).hasToString("https://events.example/in");
        assertThat(c.headers()).containsEntry("X-Team", "billing");
        assertThat(c.retryLimit()).isEqualTo(4);
        assertThat(c.maxInFlight()).isEqualTo(32);
        assertThat(c.closeTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void kSinkWinsOverTheConfiguredUrlWhichWinsOverTheSgStream() {
        HttpSinkConfig configured = SinkConfigFactory.create(stream(CLOUD_EVENT), settings("http://override/"),
                Map.of(), Map.of(), SECRETS);
        HttpSinkConfig bound = SinkConfigFactory.create(stream(CLOUD_EVENT), settings("http://override/"),
                Map.of(), Map.of("K_SINK", "http://broker-ingress/shop/default"), SECRETS);

        assertThat(configured.url()).hasToString("http://override/");
        assertThat(bound.url()).hasToString("http://broker-ingress/shop/default");
    }

    @Test
    void aPgLambdaTargetDefaultsToItsKnativeService() {
        HttpSinkConfig c = SinkConfigFactory.create(stream("""
                type: PgLambda
                pgLambda:
                  script: "console.log(event)"
                """), settings(null), Map.of(), Map.of(), SECRETS);

        assertThat(c.url()).hasToString("http://orders.shop");
    }

    @Test
    void anSgClusterTargetNeedsTheBrokerFromKSink() {
        String sgCluster = """
                type: SGCluster
                sgCluster: {name: target}
                """;
        assertThatThrownBy(() -> SinkConfigFactory.create(stream(sgCluster), settings(null), Map.of(), Map.of(), SECRETS))
                .hasMessageContaining("K_SINK");

        HttpSinkConfig c = SinkConfigFactory.create(stream(sgCluster), settings(null), Map.of(),
                Map.of("K_SINK", "http://broker-ingress/shop/default"), SECRETS);
        assertThat(c.url()).hasToString("http://broker-ingress/shop/default");
    }

    @Test
    void secretHeadersFromSettingsAreResolvedAndRedacted() {
        HttpSinkConfig c = SinkConfigFactory.create(stream(CLOUD_EVENT), settings(null),
                Map.of("Authorization", "Bearer ${secret:sink-auth/token}"), Map.of(), SECRETS);

        assertThat(c.headers()).containsEntry("Authorization", "Bearer t0ken");
        assertThat(c.isSecretHeader("Authorization")).isTrue();
        assertThat(c.toString()).doesNotContain("t0ken");
    }
}
