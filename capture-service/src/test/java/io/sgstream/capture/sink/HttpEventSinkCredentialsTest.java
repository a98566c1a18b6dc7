package io.sgstream.capture.sink;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.sgstream.api.secret.EnvSecretResolver;
import io.sgstream.api.secret.SecretResolver;
import io.sgstream.api.spec.CloudEventHttp;
import io.sgstream.capture.sink.LoopbackSink.Reply;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Headers from Secrets reach the sink and nothing else: not logs, metrics, exceptions or toString. */
class HttpEventSinkCredentialsTest {

    private static final String TOKEN = "tok-7f3a9c2e-secret";
    private static final String API_KEY = "apikey-55d1-secret";
    private static final String QUERY_KEY = "query-91ab-secret";

    @Test
    void secretHeadersAreSentButNeverShown() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<String> shown = new ArrayList<>();
        try (LogCapture logs = LogCapture.of("io.sgstream");
             LoopbackSink server = LoopbackSink.http(r -> switch (r.header("ce-id")) {
                 // an echoing server is the worst case: the credential comes back in the body
                 case "flaky" -> r.index() == 2 ? Reply.of(503, "no upstream for " + r.header("Authorization"))
                         : Reply.status(202);
                 case "denied" -> Reply.of(401, "token " + TOKEN + " expired; key " + r.header("X-Api-Key"));
                 default -> Reply.status(202);
             })) {
            // as an SGStream declares it: the token stays in a Secret, the resource only names it
            CloudEventHttp http = new CloudEventHttp();
            http.setUrl(server.url() + "?code=" + QUERY_KEY);
            http.setHeaders(Map.of("Authorization", "Bearer ${secret:sink-auth/token}", "X-Team", "billing"));
            SecretResolver secrets = new EnvSecretResolver(Map.of("SGSTREAM_SECRET_SINK_AUTH_TOKEN", TOKEN), null);
            HttpSinkConfig config = HttpSinkConfig.fromSgStream(http, secrets)
                    .secretHeader("X-Api-Key", API_KEY)
                    .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(2))
                    .build();
            try (HttpEventSink sink = new HttpEventSink(config, registry)) {
                sink.send(TestEvents.change("ok")).get(30, TimeUnit.SECONDS);
                sink.send(TestEvents.change("flaky")).get(30, TimeUnit.SECONDS);
                ExecutionException denied = assertThrows(ExecutionException.class,
                        () -> sink.send(TestEvents.change("denied")).get(30, TimeUnit.SECONDS));
                shown.add(stackTrace(denied));
                shown.add(config.toString());
                shown.add(sink.toString());
                shown.add(String.valueOf(sink.health()));
            }
            HttpSinkConfig unreachable = HttpSinkConfig.builder("http://localhost:1/?code=" + QUERY_KEY)
                    .secretHeader("Authorization", "Bearer " + TOKEN).retryLimit(0).build();
            try (HttpEventSink sink = new HttpEventSink(unreachable, registry)) {
                shown.add(stackTrace(assertThrows(ExecutionException.class,
                        () -> sink.send(TestEvents.change("lost")).get(30, TimeUnit.SECONDS))));
            }

            LoopbackSink.Request first = server.requests().get(0);
            assertThat(first.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(first.header("X-Api-Key")).isEqualTo(API_KEY);
            assertThat(first.header("X-Team")).isEqualTo("billing");
            shown.add(logs.text());
            shown.add(registry.scrape());

            // not vacuous: the failures, the retry and the config were really logged and counted
            assertThat(logs.text()).contains("rejected event denied", "HTTP 401", "HTTP 503", "X-Team=billing");
            assertThat(registry.scrape()).contains("sgstream_sink_events_failed_total{reason=\"rejected\",} 1.0");
        }
        assertThat(shown).allSatisfy(text -> assertThat(text)
                .doesNotContain(TOKEN).doesNotContain(API_KEY).doesNotContain(QUERY_KEY));
    }

    @Test
    void userInfoInTheUrlBecomesASecretBasicAuthorization() throws Exception {
        try (LoopbackSink server = LoopbackSink.http(r -> Reply.status(202))) {
            String url = server.url().replace("://", "://stream:p%40ss-secret@");
            HttpSinkConfig config = HttpSinkConfig.builder(url).build();
            try (HttpEventSink sink = new HttpEventSink(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
                sink.send(TestEvents.change("e1")).get(30, TimeUnit.SECONDS);
            }
            String expected = "Basic " + java.util.Base64.getEncoder().encodeToString("stream:p@ss-secret".getBytes());
            assertThat(server.requests().get(0).header("Authorization")).isEqualTo(expected);
            assertThat(config.url().getRawUserInfo()).isNull();
            assertThat(config.toString()).doesNotContain("p@ss-secret").doesNotContain("p%40ss").contains("Authorization=***");
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
