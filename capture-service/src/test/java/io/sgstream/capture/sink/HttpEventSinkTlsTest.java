package io.sgstream.capture.sink;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.sink.LoopbackSink.Reply;
import io.sgstream.testing.TestCertificateAuthority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** HTTPS sinks with a private CA (from a Secret or Knative's K_CA_CERTS) and hostname verification. */
class HttpEventSinkTlsTest {

    private static TestCertificateAuthority ca;
    /** Its certificate names localhost and 127.0.0.1. */
    private static LoopbackSink matching;
    /** Its certificate names only sink.example, not the host the sink connects to. */
    private static LoopbackSink mismatched;

    @BeforeAll
    static void startServers() throws Exception {
        ca = TestCertificateAuthority.create("sgstream test CA");
        matching = LoopbackSink.https(ca.serverContext("localhost", "dns:localhost,ip:127.0.0.1"), r -> Reply.status(202));
        mismatched = LoopbackSink.https(ca.serverContext("other", "dns:sink.example"), r -> Reply.status(202));
    }

    @AfterAll
    static void stopServers() {
        matching.close();
        mismatched.close();
    }

    private static HttpSinkConfig.Builder config(String url) {
        return HttpSinkConfig.builder(url).retryLimit(0).retryBackoff(Duration.ofMillis(1), Duration.ofMillis(2));
    }

    private static void deliver(HttpSinkConfig config) throws Exception {
        try (HttpEventSink sink = new HttpEventSink(config, new SimpleMeterRegistry())) {
            sink.send(TestEvents.change("e1")).get(30, TimeUnit.SECONDS);
        }
    }

    private static SinkDeliveryException failure(HttpSinkConfig config) {
        try (HttpEventSink sink = new HttpEventSink(config, new SimpleMeterRegistry())) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> sink.send(TestEvents.change("e1")).get(30, TimeUnit.SECONDS));
            return (SinkDeliveryException) e.getCause();
        }
    }

    @Test
    void customCaFromASecretIsTrusted() throws Exception {
        deliver(config(matching.url()).trustCertificates(ca.certificatePem()).build());

        assertThat(matching.requests()).anyMatch(r -> "e1".equals(r.header("ce-id")));
    }

    @Test
    void knativeCaCertsAreTrusted() throws Exception {
        deliver(config("http://localhost:1/unused").build()
                .withKnativeEnvironment(Map.of("K_SINK", matching.url(), "K_CA_CERTS", ca.certificatePem())));
    }

    @Test
    void unknownCaIsRefused() {
        SinkDeliveryException e = failure(config(matching.url()).build());

        assertThat(e.reason()).isEqualTo(SinkDeliveryException.Reason.RETRY_LIMIT);
        assertThat(e).hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
        assertThat(e.getCause()).isInstanceOf(SSLHandshakeException.class);
        assertThat(e.getMessage()).contains("not signed by a trusted CA", "K_CA_CERTS");
    }

    @Test
    void hostnameMismatchIsRefusedUnlessVerificationIsSkipped() throws Exception {
        SinkDeliveryException e = failure(config(mismatched.url()).trustCertificates(ca.certificatePem()).build());
        assertThat(e.getCause()).isInstanceOf(SSLHandshakeException.class);
        assertThat(e.getMessage()).contains("localhost", "does not name this host", "skipHostnameVerification: true");

        deliver(config(mismatched.url()).trustCertificates(ca.certificatePem()).skipHostnameVerification(true).build());
        assertThat(mismatched.requests()).isNotEmpty();
    }

    @Test
    void skippingHostnameVerificationStillChecksTheChain() {
        SinkDeliveryException e = failure(config(mismatched.url()).skipHostnameVerification(true).build());

        assertThat(e.getCause()).isInstanceOf(SSLHandshakeException.class);
    }
}
