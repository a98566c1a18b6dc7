package io.sgstream.capture.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreamStatus;
import io.sgstream.api.StreamNames;
import io.sgstream.api.secret.SecretNotFoundException;
import io.sgstream.api.spec.SecretKeySelector;
import io.sgstream.api.status.StreamCondition;
import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.CaptureService;
import io.sgstream.capture.CaptureState;
import io.sgstream.capture.CaptureStatus;
import io.sgstream.capture.app.SignalEndpoint;
import io.sgstream.capture.app.Tombstone;
import io.sgstream.event.SignalRequest;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import io.sgstream.testing.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Kubernetes mode against fabric8's mock API server (CRUD): the SGStream and its Secret read from the API, the
 * capture's status written with StackGres's names, and signal requests over HTTP ending, for a tombstone, with the
 * slot and publication dropped and the stream Completed.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesModeTest {

    static final String NS = MockCluster.NS;
    /** The stream that captures: named apart from the other classes' streams, as slot names are server-wide. */
    static final String STREAM = "signalled";

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    KubernetesClient client;
    MockCluster cluster;

    @BeforeEach
    void installCrd() {
        cluster = new MockCluster(client, PG);
    }

    @Test
    void readsTheStreamAndItsSecretFromTheApiAndNamesAMissingKey() {
        String db = PG.createDatabase("k8sread");
        cluster.createSecret("pg-creds", Map.of("username", PostgresServer.USER, "password", PostgresServer.PASSWORD));
        cluster.create(stream("reader", db, "http://localhost:1/unused"));
        KubernetesStream kubernetes = new KubernetesStream(client, NS, "reader");

        SGStream read = kubernetes.read();
        CaptureConfig config = CaptureConfig.from(read, kubernetes.secrets());
        assertThat(config.stream()).isEqualTo(new StreamId(NS, "reader"));
        assertThat(config.source().user()).isEqualTo(PostgresServer.USER);
        assertThat(config.source().password()).isEqualTo(PostgresServer.PASSWORD);
        assertThat(config.source().database()).isEqualTo(db);

        assertThatThrownBy(() -> kubernetes.secrets().resolve(SecretKeySelector.of("pg-creds", "pass")))
                .isInstanceOf(SecretNotFoundException.class)
                .hasMessageContaining("Secret shop/pg-creds").hasMessageContaining("'pass'")
                .hasMessageNotContaining(PostgresServer.PASSWORD);
        assertThatThrownBy(() -> kubernetes.secrets().resolve(SecretKeySelector.of("nowhere", "password")))
                .isInstanceOf(SecretNotFoundException.class).hasMessageContaining("shop/nowhere")
                .hasMessageContaining("does not exist");
        assertThat(Tombstone.keepsSlot(read)).isFalse();
        read.getSpec().getSource().getPostgres().setSkipDropReplicationSlotAndPublicationOnTombstone(true);
        assertThat(Tombstone.keepsSlot(read)).isTrue();
        assertThatThrownBy(() -> new KubernetesStream(client, NS, "absent").read())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SGStream shop/absent");
    }

    @Test
    void runtimeFailureIsReportedAndClearedWithoutTouchingTheControllersFailure() {
        SGStream created = cluster.create(stream("failing", "db", "http://localhost:1/unused"));
        CaptureStatusWriter writer = new KubernetesStream(client, NS, "failing").statusWriter();
        StreamId id = new StreamId(NS, "failing");
        writer.write(new CaptureStatus(id, CaptureState.FAILED, "e1", false, Map.of("public.orders", 5L), 5, 0, -1, 0,
                -1, -1, "the sink refused event 7", Instant.now()));
        SGStreamStatus failed = status("failing");
        assertThat(failed.condition(StreamCondition.FAILED)).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo(StreamCondition.TRUE);
            assertThat(c.getReason()).isEqualTo(StreamCondition.REASON_FAILED);
            assertThat(c.getMessage()).isEqualTo("the sink refused event 7");
        });
        assertThat(failed.getFailure()).isEqualTo("the sink refused event 7");
        assertThat(failed.condition(StreamCondition.RUNNING)).get()
                .extracting(StreamCondition::getStatus).isEqualTo(StreamCondition.FALSE);
        assertThat(failed.getSnapshot().getSnapshotCompleted()).isFalse();
        assertThat(failed.getStreaming().getMilliSecondsBehindSource()).isNull();

        writer.write(new CaptureStatus(id, CaptureState.STREAMING, "e1", true, Map.of("public.orders", 5L), 9, 3, 2,
                0, 12, 0, null, Instant.now()));
        SGStreamStatus resumed = status("failing");
        assertThat(resumed.condition(StreamCondition.FAILED)).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo(StreamCondition.FALSE);
            assertThat(c.getReason()).isEqualTo(StreamCondition.REASON_NOT_FAILED);
        });
        assertThat(resumed.condition(StreamCondition.RUNNING)).get()
                .extracting(StreamCondition::getStatus).isEqualTo(StreamCondition.TRUE);
        assertThat(resumed.getStreaming().getMilliSecondsBehindSource()).isEqualTo(12L);
        assertThat(resumed.getStreaming().getNumberOfCommittedTransactions()).isEqualTo(3L);

        // a Failed condition the controller set (InvalidSpec) is not the capture's to clear
        SGStream current = client.resources(SGStream.class).inNamespace(NS).withName("failing").get();
        current.getStatus().putCondition(StreamCondition.of(StreamCondition.FAILED, StreamCondition.TRUE,
                "InvalidSpec", "spec.source: bad", "2026-11-25T10:00:00Z"));
        client.resource(current).updateStatus();
        writer.write(new CaptureStatus(id, CaptureState.STREAMING, "e1", true, Map.of("public.orders", 5L), 10, 4, 3,
                0, 12, 0, null, Instant.now()));
        assertThat(status("failing").condition(StreamCondition.FAILED)).get()
                .extracting(StreamCondition::getReason).isEqualTo("InvalidSpec");
        assertThat(status("failing").getStreaming().getTotalNumberOfEventsSeen()).isEqualTo(10L);
        assertThat(created.getMetadata().getName()).isEqualTo("failing");
    }

    @Test
    void writesStatusServesSignalsAndCompletesOnTombstone() throws Exception {
        String db = PG.createDatabase("k8sstatus");
        PG.execute(db, "CREATE TABLE public.orders (id int PRIMARY KEY, note text)",
                "INSERT INTO public.orders VALUES (1, 'first'), (2, 'second')");
        cluster.createSecret("pg-creds", Map.of("username", PostgresServer.USER, "password", PostgresServer.PASSWORD));
        Vertx vertx = Vertx.vertx();
        try (AcceptingSink target = new AcceptingSink(new SimpleMeterRegistry())) {
            SGStream created = cluster.create(stream(STREAM, db, target.target.url()));
            // the controller's part of the status, which the capture must leave alone
            created.setStatus(new SGStreamStatus());
            created.getStatus().putCondition(StreamCondition.of(StreamCondition.COMPLETED, StreamCondition.FALSE,
                    StreamCondition.REASON_NOT_COMPLETED, "not completed", "2026-11-25T10:00:00Z"));
            client.resource(created).updateStatus();

            KubernetesStream kubernetes = new KubernetesStream(client, NS, STREAM);
            SGStream stream = kubernetes.read();
            CaptureService capture = new CaptureService(CaptureConfig.from(stream, kubernetes.secrets()), target.sink,
                    new SimpleMeterRegistry());
            capture.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> capture.status().snapshotCompleted()
                    && capture.state() == CaptureState.STREAMING);

            CaptureStatusWriter writer = kubernetes.statusWriter();
            writer.write(capture.status());
            SGStreamStatus written = status(STREAM);
            assertThat(written.condition(StreamCondition.RUNNING)).get().satisfies(c -> {
                assertThat(c.getStatus()).isEqualTo(StreamCondition.TRUE);
                assertThat(c.getReason()).isEqualTo(StreamCondition.REASON_RUNNING);
                assertThat(c.getLastTransitionTime()).isNotBlank();
            });
            assertThat(written.condition(StreamCondition.COMPLETED)).get()
                    .extracting(StreamCondition::getReason).isEqualTo(StreamCondition.REASON_NOT_COMPLETED);
            assertThat(written.condition(StreamCondition.FAILED)).isEmpty();
            assertThat(written.getSnapshot().getSnapshotCompleted()).isTrue();
            assertThat(written.getSnapshot().getRowsScanned()).isEqualTo(Map.of("public.orders", 2L));
            assertThat(written.getStreaming().getTotalNumberOfEventsSeen()).isEqualTo(2L);
            assertThat(written.getStreaming().getNumberOfCommittedTransactions()).isGreaterThanOrEqualTo(1L);

            // periodically from then on
            writer.start(capture::status, Duration.ofMillis(200));
            PG.execute(db, "INSERT INTO public.orders VALUES (3, 'third')");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(status(STREAM).getStreaming().getTotalNumberOfEventsSeen()).isEqualTo(3L));

            SignalEndpoint endpoint = new SignalEndpoint(() -> Optional.of(capture),
                    c -> Tombstone.finish(c, Tombstone.keepsSlot(stream), Optional.of(writer)));
            Router router = Router.router(vertx);
            endpoint.install(router);
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            URI uri = URI.create("http://127.0.0.1:" + server.actualPort() + "/");
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(garbage.statusCode()).isEqualTo(400);
            assertThat(garbage.body()).contains("not a CloudEvent");

            HttpResponse<String> foreign = post(http, uri, new SignalRequest(new StreamId(NS, "other"), "tombstone", ""));
            assertThat(foreign.statusCode()).isEqualTo(400);
            assertThat(foreign.body()).contains("shop/other").contains("captures");

            HttpResponse<String> tombstone = post(http, uri, new SignalRequest(new StreamId(NS, STREAM), "tombstone",
                    "{}"));
            assertThat(tombstone.statusCode()).isEqualTo(202);
            assertThat(tombstone.body()).isEmpty();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                SGStreamStatus done = status(STREAM);
                assertThat(done.condition(StreamCondition.COMPLETED)).get().satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo(StreamCondition.TRUE);
                    assertThat(c.getReason()).isEqualTo(StreamCondition.REASON_COMPLETED);
                });
                assertThat(done.condition(StreamCondition.RUNNING)).get().satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo(StreamCondition.FALSE);
                    assertThat(c.getReason()).isEqualTo(StreamCondition.REASON_NOT_RUNNING);
                });
            });
            assertThat(capture.state()).isEqualTo(CaptureState.STOPPED);
            assertThat(cluster.slotsAndPublications(db, StreamNames.slotName(stream))).isZero();
            assertThat(status(STREAM).getSnapshot().getRowsScanned()).isEqualTo(Map.of("public.orders", 2L));

            HttpResponse<String> afterwards = post(http, uri, new SignalRequest(new StreamId(NS, STREAM), "command",
                    "{\"command\": \"ANALYZE public.orders\"}"));
            assertThat(afterwards.statusCode()).isEqualTo(503);
            assertThat(new SignalEndpoint(Optional::empty, c -> { }).handle(BinarySignals.headers(afterwardsRequest()),
                    BinarySignals.body(afterwardsRequest())).status()).isEqualTo(503);
            server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static SignalRequest afterwardsRequest() {
        return new SignalRequest(new StreamId(NS, STREAM), "command", "{}");
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, SignalRequest request) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        BinarySignals.headers(request).forEach(builder::header);
        return http.send(builder.POST(HttpRequest.BodyPublishers.ofByteArray(BinarySignals.body(request))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private SGStreamStatus status(String name) {
        return cluster.status(name);
    }

    private SGStream stream(String name, String db, String url) {
        return cluster.stream(name, db, url);
    }

}
