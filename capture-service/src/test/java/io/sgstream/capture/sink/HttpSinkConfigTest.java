package io.sgstream.capture.sink;

import io.sgstream.api.secret.EnvSecretResolver;
import io.sgstream.api.secret.SecretNotFoundException;
import io.sgstream.api.secret.SecretResolver;
import io.sgstream.api.spec.CloudEventHttp;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpSinkConfigTest {

    @Test
    void sgStreamDefaultsRetryForeverWithBackoffFromTenPercentOfSixtySeconds() {
        HttpSinkConfig c = HttpSinkConfig.builder("http://broker-ingress.knative-eventing.svc/ns/default").build();

        assertThat(c.retryLimit()).isNull();
        assertThat(c.retryBackoffInitial()).isEqualTo(Duration.ofSeconds(6));
        assertThat(c.retryBackoffMax()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.connectTimeout()).isNull();
        assertThat(c.readTimeout()).as("a lost response must not stall the stream").isEqualTo(Duration.ofSeconds(30));
        assertThat(c.maxInFlight()).isEqualTo(HttpSinkConfig.DEFAULT_MAX_IN_FLIGHT);
        assertThat(HttpSinkConfig.builder("http://x/").readTimeout((String) null).build().readTimeout())
                .as("unset in the SGStream keeps the default").isEqualTo(Duration.ofSeconds(30));
        assertThat(c.toBuilder().readTimeout("PT0S").build().toBuilder().build().readTimeout())
                .as("PT0S = none, kept through toBuilder").isNull();
    }

    @Test
    void sgStreamFieldsAreReadAsSgStreamWritesThem() {
        HttpSinkConfig c = HttpSinkConfig.builder("https://sink.example/events")
                .connectTimeout("PT5S").readTimeout("PT0S").retryLimit(3).retryBackoffDelay(10)
                .skipHostnameVerification(true).build();

        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.readTimeout()).as("0 means no timeout in SGStream").isNull();
        assertThat(c.retryLimit()).isEqualTo(3);
        assertThat(c.retryBackoffInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.retryBackoffMax()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.skipHostnameVerification()).isTrue();
    }

    @Test
    void badValuesGetActionableErrors() {
        assertThatThrownBy(() -> HttpSinkConfig.builder("http://x/").connectTimeout("5s"))
                .hasMessageContaining("ISO-8601").hasMessageContaining("PT5S");
        assertThatThrownBy(() -> HttpSinkConfig.builder("ftp://x/").build()).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> HttpSinkConfig.builder("http://x/").header("ce-id", "1").build())
                .hasMessageContaining("ce-id");
        assertThatThrownBy(() -> HttpSinkConfig.builder("http://x/").header("Content-Type", "text/plain").build())
                .hasMessageContaining("Content-Type");
        assertThatThrownBy(() -> HttpSinkConfig.builder("http://x/").retryLimit(-1).build())
                .hasMessageContaining("retryLimit");
        assertThatThrownBy(() -> new HttpEventSink(HttpSinkConfig.builder("https://x/").build()
                .withKnativeEnvironment(java.util.Map.of("K_CA_CERTS", "not a certificate")),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry()))
                .hasMessageContaining("PEM");
    }

    @Test
    void kSinkReplacesTheUrlAndOverridesMerge() {
        HttpSinkConfig c = HttpSinkConfig.builder("http://from-sgstream/").extensionOverride("team", "a")
                .extensionOverride("env", "dev").build()
                .withKnativeEnvironment(java.util.Map.of("K_SINK", "http://broker-ingress/ns/b",
                        "K_CE_OVERRIDES", "{\"extensions\":{\"team\":\"b\"}}"));

        assertThat(c.url()).hasToString("http://broker-ingress/ns/b");
        assertThat(c.extensionOverrides()).containsEntry("team", "b").containsEntry("env", "dev");
    }

    @Test
    void toStringRedactsCredentials() {
        HttpSinkConfig c = HttpSinkConfig.builder("https://sink.example/in?sig=abc123")
                .header("Authorization", "Bearer t0ken").header("Cookie", "session=c00kie")
                .secretHeader("X-Signature", "s1gnature").header("X-Team", "billing").build();

        assertThat(c.toString()).doesNotContain("t0ken", "c00kie", "s1gnature", "abc123")
                .contains("X-Team=billing", "Authorization=***", "https://sink.example/in?***");
    }

    @Test
    void sgStreamHttpSettingsWithSecretHeaders() {
        CloudEventHttp http = new CloudEventHttp();
        http.setUrl("https://sink.example/in");
        http.setHeaders(java.util.Map.of("Authorization", "Bearer ${secret:sink-auth/token}", "X-Team", "billing"));
        http.setConnectTimeout("PT2S");
        http.setReadTimeout("PT30S");
        http.setRetryLimit(5);
        http.setRetryBackoffDelay(20);
        http.setSkipHostnameVerification(true);
        SecretResolver secrets = new EnvSecretResolver(java.util.Map.of("SGSTREAM_SECRET_SINK_AUTH_TOKEN", "t0ken"), null);

        HttpSinkConfig c = HttpSinkConfig.fromSgStream(http, secrets).build();

        assertThat(c.headers()).containsEntry("Authorization", "Bearer t0ken").containsEntry("X-Team", "billing");
        assertThat(c.isSecretHeader("Authorization")).isTrue();
        assertThat(c.isSecretHeader("X-Team")).isFalse();
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.retryLimit()).isEqualTo(5);
        assertThat(c.retryBackoffInitial()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.retryBackoffMax()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.skipHostnameVerification()).isTrue();
        assertThat(c.toString()).doesNotContain("t0ken");
    }

    @Test
    void aSecretHeaderWhoseSecretIsMissingNamesWhereItLooked() {
        CloudEventHttp http = new CloudEventHttp();
        http.setUrl("https://sink.example/in");
        http.setHeaders(java.util.Map.of("Authorization", "Bearer ${secret:sink-auth/token}"));

        assertThatThrownBy(() -> HttpSinkConfig.fromSgStream(http, new EnvSecretResolver(java.util.Map.of(), null)))
                .isInstanceOf(SecretNotFoundException.class).hasMessageContaining("SGSTREAM_SECRET_SINK_AUTH_TOKEN");
    }

    @Test
    void aMalformedSecretReferenceNamesTheHeader() {
        CloudEventHttp http = new CloudEventHttp();
        http.setUrl("https://sink.example/in");
        http.setHeaders(java.util.Map.of("Authorization", "Bearer ${secret:sink-auth}"));

        assertThatThrownBy(() -> HttpSinkConfig.fromSgStream(http, new EnvSecretResolver(java.util.Map.of(), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header 'Authorization'")
                .hasMessageContaining("${secret:<name>/<key>}");
        assertThatThrownBy(() -> HttpSinkConfig.builder("https://sink.example/in")
                .secretHeader("Authorization", "Bearer ${secret:a/b}", null))
                .hasMessageContaining("no secret resolver");
    }

    @Test
    void theUrlMayComeFromKSinkAlone() {
        HttpSinkConfig c = HttpSinkConfig.fromSgStream(new CloudEventHttp(), null)
                .knativeEnvironment(java.util.Map.of("K_SINK", "http://broker-ingress.knative-eventing.svc/ns/default"))
                .build();
        assertThat(c.url()).hasToString("http://broker-ingress.knative-eventing.svc/ns/default");

        assertThatThrownBy(() -> HttpSinkConfig.fromSgStream(new CloudEventHttp(), null).build())
                .hasMessageContaining("spec.target.cloudEvent.http.url").hasMessageContaining("K_SINK");
    }
}
