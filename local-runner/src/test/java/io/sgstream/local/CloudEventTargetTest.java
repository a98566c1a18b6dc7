package io.sgstream.local;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.cloudevents.CloudEvent;
import io.sgstream.event.CloudEventsHttp;
import io.sgstream.event.EventCodec;
import io.sgstream.event.RowChange;
import io.sgstream.testing.PostgresExtension;
import io.sgstream.testing.PostgresServer;
import io.sgstream.testing.TestCertificateAuthority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code type: CloudEvent} stream run by the runner: the capture service posts the stream's events to a real
 * loopback HTTP endpoint answering 202, as on Kubernetes, with the SGStream's {@code http} settings: a static header
 * and one whose value comes from a Secret (here from an {@code SGSTREAM_SECRET_*} variable) on every request, the
 * endpoint refusing (401) any request without them; one 503 retried. Every row of the snapshot and every change made
 * while streaming arrives there, each once or more (at least once).
 */
class CloudEventTargetTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    private static final String TOKEN = "t0ken-from-the-environment";

    @Test
    void everyChangeReachesTheEndpointThroughTheBroker() throws Exception {
        String db = PG.createDatabase("toendpoint");
        PG.execute(db, "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 120) i");
        List<CloudEvent> received = new CopyOnWriteArrayList<>();
        List<String> refused = new CopyOnWriteArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/events", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            if (!("Bearer " + TOKEN).equals(headers.get("authorization")) || !"shop".equals(headers.get("x-tenant"))) {
                refused.add(headers.toString());
                status = 401; // not retried by the sink: the capture would stop and the run fail
            } else if (requests.incrementAndGet() == 1) {
                status = 503; // retried after the backoff
            } else {
                received.add(CloudEventsHttp.read(headers, body));
                status = 202;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        endpoint.start();
        try {
            Path stream = Files.createDirectories(Path.of("target", "cloudevent-target")).resolve("to-endpoint.yaml");
            Files.writeString(stream, """
                    apiVersion: stackgres.io/v1alpha1
                    kind: SGStream
                    metadata:
                      name: to-endpoint
                    spec:
                      source:
                        type: Postgres
                        postgres:
                          host: embedded
                      target:
                        type: CloudEvent
                        cloudEvent:
                          http:
                            url: http://127.0.0.1:%d/events
                            headers:
                              X-Tenant: shop
                              Authorization: "Bearer ${secret:sink-auth/token}"
                            connectTimeout: PT5S
                            readTimeout: PT30S
                            retryLimit: 5
                            retryBackoffDelay: 1
                            skipHostnameVerification: true
                    """.formatted(endpoint.getAddress().getPort()));
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> new LocalRunner(RunnerOptions.parse(
                    "--stream", stream.toString(), "--port", "0", "--duration", "PT15S",
                    "--source-url", PG.jdbcUrl(db), "--user", PostgresServer.USER, "--password", PostgresServer.PASSWORD), out,
                    Map.of("SGSTREAM_SECRET_SINK_AUTH_TOKEN", TOKEN)).run());
            await().atMost(Duration.ofMinutes(2)).until(() -> run.isDone() || changes(received).size() >= 120);
            // while streaming: inserts, updates, deletes, in transactions of several changes
            for (int i = 0; i < 30; i++) {
                PG.execute(db, "BEGIN; INSERT INTO items VALUES (" + (1000 + i) + ", 'new " + i + "');"
                        + " UPDATE items SET name = 'changed " + i + "' WHERE id = " + (1 + i) + ";"
                        + " DELETE FROM items WHERE id = " + (60 + i) + "; COMMIT");
            }
            int code = run.get();
            String printed = buffer.toString(StandardCharsets.UTF_8);
            assertThat(code).as(printed).isZero();
            assertThat(refused).as("requests without the SGStream's headers").isEmpty();
            // no Trigger for the target (the controller makes none): the capture posts to the endpoint itself
            assertThat(printed).contains("Triggers [to-endpoint-signals] built from the SGStream",
                    "headers={X-Tenant=shop, Authorization=***}", "connectTimeout=PT5S, readTimeout=PT30S, retryLimit=5", "skipHostnameVerification=true",
                    "events delivered to http://127.0.0.1:" + endpoint.getAddress().getPort() + "/events, 1 retries, 0 failed");
            assertThat(printed).as("the Secret's value is never printed").doesNotContain(TOKEN);

            Set<String> expected = new TreeSet<>();
            for (int id = 1; id <= 120; id++) {
                expected.add("r " + id);
            }
            for (int i = 0; i < 30; i++) {
                expected.add("c " + (1000 + i));
                expected.add("u " + (1 + i));
                expected.add("d " + (60 + i));
            }
            assertThat(new TreeSet<>(changes(received).values())).isEqualTo(expected);
            // only this stream's events, never its control requests; transaction ends ride along
            assertThat(received).allSatisfy(e -> {
                assertThat(e.getSource().toString()).isEqualTo("/sgstream/default/to-endpoint");
                assertThat(e.getType()).startsWith("io.sgstream.").doesNotStartWith("io.sgstream.control.");
            });
            assertThat(received.stream().map(CloudEvent::getType).collect(Collectors.toSet())).contains("io.sgstream.transaction");
        } finally {
            endpoint.stop(0);
        }
    }

    /**
     * An https endpoint whose certificate a private CA signed: trusted with that CA given as {@code --ca-certs} or as
     * Knative's {@code K_CA_CERTS}, refused without it (the run fails and says why; nothing counts as delivered).
     */
    @Test
    void anHttpsEndpointWithAPrivateCaIsTrustedOnlyWithThatCa() throws Exception {
        String db = PG.createDatabase("tohttps");
        PG.execute(db, "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 20) i");
        TestCertificateAuthority ca = TestCertificateAuthority.create("private sink CA");
        List<CloudEvent> received = new CopyOnWriteArrayList<>();
        HttpsServer endpoint = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.setHttpsConfigurator(new HttpsConfigurator(ca.serverContext("sink", "DNS:localhost,IP:127.0.0.1")));
        endpoint.createContext("/events", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            received.add(CloudEventsHttp.read(headers, exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        endpoint.start();
        try {
            Path stream = Files.createDirectories(Path.of("target", "cloudevent-target")).resolve("to-https.yaml");
            Files.writeString(stream, """
                    apiVersion: stackgres.io/v1alpha1
                    kind: SGStream
                    metadata:
                      name: to-https
                    spec:
                      source:
                        type: Postgres
                        postgres:
                          host: embedded
                      target:
                        type: CloudEvent
                        cloudEvent:
                          http:
                            url: https://127.0.0.1:%d/events
                            retryLimit: 0
                    """.formatted(endpoint.getAddress().getPort()));
            Path caFile = Files.writeString(stream.resolveSibling("private-ca.pem"), ca.certificatePem());
            String[] args = {"--stream", stream.toString(), "--port", "0", "--duration", "PT0S", "--source-url", PG.jdbcUrl(db),
                    "--user", PostgresServer.USER, "--password", PostgresServer.PASSWORD};

            Run untrusted = Run.of(args, Map.of());
            assertThat(untrusted.code()).as(untrusted.printed()).isEqualTo(1);
            assertThat(untrusted.printed()).contains("not signed by a trusted CA", "--ca-certs");
            assertThat(received).isEmpty();

            Run withFile = Run.of(concat(args, "--ca-certs", caFile.toString()), Map.of());
            assertThat(withFile.code()).as(withFile.printed()).isZero();
            assertThat(withFile.printed()).contains("trustedCertificates=1 PEM bundle(s)");
            assertThat(changes(received).values()).hasSize(20);

            // the same stream again: its slot and offsets were kept, so the snapshot is not sent twice
            PG.execute(db, "INSERT INTO items VALUES (21, 'late')");
            Run withKnativeVariable = Run.of(args, Map.of("K_CA_CERTS", ca.certificatePem()));
            assertThat(withKnativeVariable.code()).as(withKnativeVariable.printed()).isZero();
            assertThat(changes(received)).containsValue("c 21").hasSize(21);
        } finally {
            endpoint.stop(0);
        }
    }

    /** One run of the runner to its end: exit code and everything it printed. */
    private record Run(int code, String printed) {
        static Run of(String[] args, Map<String, String> environment) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            int code = new LocalRunner(RunnerOptions.parse(args), new PrintStream(buffer, true, StandardCharsets.UTF_8),
                    environment).run();
            return new Run(code, buffer.toString(StandardCharsets.UTF_8));
        }
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /** "op id" of every change event received, by event id (a redelivery has the same id). */
    private static Map<String, String> changes(List<CloudEvent> events) {
        Map<String, String> byId = new ConcurrentHashMap<>();
        for (CloudEvent e : events) {
            if (EventCodec.fromCloudEvent(e) instanceof RowChange r) {
                byId.put(e.getId(), r.op().code() + " " + r.key().get("id").asInt());
            }
        }
        return byId;
    }
}
