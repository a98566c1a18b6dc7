package io.sgstream.capture.kubernetes;


import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.api.SGStream;
import io.sgstream.api.StreamNames;
import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.CaptureService;
import io.sgstream.capture.CaptureState;
import io.sgstream.capture.app.CaptureTerms;
import io.sgstream.capture.app.KubernetesCaptureListener;
import io.sgstream.capture.app.SignalEndpoint;
import io.sgstream.api.SGStreamStatus;
import io.sgstream.api.status.StreamCondition;
import io.sgstream.event.SignalRequest;
import io.sgstream.event.StreamId;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Clock;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The capture's view written to the SGStream status and read back from fabric8's mock API server (CRUD), with a
 * real PostgreSQL: StackGres's {@code snapshot}, {@code streaming} and {@code events} fields, a stale failure cleared,
 * Events; and a tombstone acknowledged but not completed before a restart, completed by the next capture term.
 */
@EnableKubernetesMockClient(crud = true)
class CaptureStatusAndTombstoneTest {

    static final String NS = MockCluster.NS;

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    KubernetesClient client;
    MockCluster cluster;

    @BeforeEach
    void installCrd() {
        cluster = new MockCluster(client, PG);
    }

    /** One capture pod as the application wires it in Kubernetes mode. */
    final class Pod implements AutoCloseable {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final AcceptingSink target;
        final KubernetesStream stream;
        final KubernetesCaptureListener listener;
        final LeasedCapture leased;

        Pod(String identity) throws Exception {
            this(identity, "orders");
        }

        Pod(String identity, String name) throws Exception {
            stream = new KubernetesStream(client, NS, name);
            target = new AcceptingSink(registry);
            CaptureEvents events = new CaptureEvents(client, NS, name, identity, Clock.systemUTC());
            listener = new KubernetesCaptureListener(stream, events, registry, Duration.ofMillis(200), e -> { });
            leased = new LeasedCapture(client, NS, name + "-capture", identity, MockCluster.FAST_LEASE,
                    () -> CaptureTerms.next(stream, s -> new CaptureService(CaptureConfig.from(s, stream.secrets()),
                            target.sink, registry), events),
                    listener);
        }

        @Override
        public void close() {
            leased.close();
            target.close();
        }
    }

    @Test
    void statusHasStackGresFieldsAndATombstoneAcknowledgedBeforeARestartCompletesAfterIt() throws Exception {
        String db = PG.createDatabase("status");
        PG.execute(db, "CREATE TABLE public.orders (id int PRIMARY KEY, note text)",
                "CREATE TABLE public.ignored (id int PRIMARY KEY)",
                "INSERT INTO public.orders VALUES (1, 'first'), (2, 'second')");
        cluster.createCredentials();
        SGStream created = cluster.create(stream(db));
        // an earlier run failed (its failure still shown), and the controller's Completed=False
        created.setStatus(new SGStreamStatus());
        created.getStatus().putCondition(StreamCondition.of(StreamCondition.FAILED, StreamCondition.TRUE,
                StreamCondition.REASON_FAILED, "sink answered 400", "2026-11-25T10:00:00Z"));
        created.getStatus().putCondition(StreamCondition.of(StreamCondition.COMPLETED, StreamCondition.FALSE,
                StreamCondition.REASON_NOT_COMPLETED, null, "2026-11-25T10:00:00Z"));
        created.getStatus().setFailure("sink answered 400");
        client.resource(created).updateStatus();

        try (Pod first = new Pod("capture-a")) {
            first.leased.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> first.leased.capture()
                    .map(c -> c.state() == CaptureState.STREAMING).orElse(false));
            PG.execute(db, "INSERT INTO public.orders VALUES (3, 'third')",
                    "UPDATE public.orders SET note = 'changed' WHERE id = 1",
                    "DELETE FROM public.orders WHERE id = 2");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                SGStreamStatus s = status();
                assertThat(s.getStreaming().getTotalNumberOfCreateEventsSeen()).isEqualTo(1L);
                assertThat(s.getStreaming().getTotalNumberOfUpdateEventsSeen()).isEqualTo(1L);
                assertThat(s.getStreaming().getTotalNumberOfDeleteEventsSeen()).isEqualTo(1L);
                assertThat(s.getEvents().getTotalNumberOfEventsSent()).isGreaterThanOrEqualTo(5L);
            });
            SGStreamStatus s = status();
            assertThat(s.getSnapshot().getTotalTableCount()).isEqualTo(1);
            assertThat(s.getSnapshot().getCapturedTables()).containsExactly("public.orders");
            assertThat(s.getSnapshot().getRowsScanned()).isEqualTo(Map.of("public.orders", 2L));
            assertThat(s.getSnapshot().getTotalNumberOfEventsSeen()).isEqualTo(2L);
            assertThat(s.getSnapshot().getSnapshotCompleted()).isTrue();
            assertThat(s.getStreaming().getCapturedTables()).containsExactly("public.orders");
            assertThat(s.getStreaming().getConnected()).isTrue();
            assertThat(s.getStreaming().getSourceEventPosition()).containsKeys("epoch", "txSeq");
            assertThat(s.getStreaming().getMilliSecondsBehindSource()).isNotNull();
            assertThat(s.getEvents().getTotalNumberOfErrorsSeen()).isZero();
            assertThat(s.getEvents().getLastEventWasSent()).isTrue();
            assertThat(s.getEvents().getLastEventSent()).startsWith(s.getStreaming().getSourceEventPosition()
                    .get("epoch") + "/");
            assertThat(s.getFailure()).as("stale failure of an earlier run").isNull();
            assertThat(s.condition(StreamCondition.FAILED)).get()
                    .extracting(StreamCondition::getStatus).isEqualTo(StreamCondition.FALSE);
            assertThat(s.condition(StreamCondition.RUNNING)).get()
                    .extracting(StreamCondition::getStatus).isEqualTo(StreamCondition.TRUE);
            assertThat(eventReasons()).contains(CaptureEvents.STARTED);

            // a tombstone is acknowledged, and the pod dies before completing it (only the durable mark is written)
            CaptureService running = first.leased.capture().orElseThrow();
            SignalEndpoint endpoint = new SignalEndpoint(first.leased::capture,
                    c -> first.listener.writer().orElseThrow().tombstoneAcknowledged("tombstone acknowledged"));
            SignalRequest tombstone = new SignalRequest(new StreamId(NS, "orders"), "tombstone", "{}");
            assertThat(endpoint.handle(BinarySignals.headers(tombstone), BinarySignals.body(tombstone)).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> CaptureStatusWriter.tombstonePending(read()));
            assertThat(running.state()).isEqualTo(CaptureState.STREAMING);
        }
        assertThat(cluster.slotsAndPublications(db, StreamNames.slotName(created))).isEqualTo(2);
        assertThat(CaptureStatusWriter.completed(read())).isFalse();

        // the restarted pod completes it instead of capturing
        try (Pod second = new Pod("capture-b")) {
            second.leased.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> CaptureStatusWriter.completed(read()));
            assertThat(cluster.slotsAndPublications(db, StreamNames.slotName(created))).isZero();
            assertThat(status().condition(StreamCondition.RUNNING)).get()
                    .extracting(StreamCondition::getStatus).isEqualTo(StreamCondition.FALSE);
            assertThat(second.leased.capture()).isEmpty();
            await().atMost(Duration.ofSeconds(60)).until(() -> second.leased.notCapturingReason()
                    .filter(r -> r.contains("completed")).isPresent());
            assertThat(second.target.target.requests()).isEmpty();
            assertThat(eventReasons()).contains(CaptureEvents.COMPLETED);
        }
        // and a later pod does nothing at all
        try (Pod third = new Pod("capture-c")) {
            third.leased.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> third.leased.holdsLease());
            await().atMost(Duration.ofSeconds(60)).until(() -> third.leased.notCapturingReason()
                    .filter(r -> r.contains("completed")).isPresent());
            assertThat(third.leased.capture()).isEmpty();
        }
    }

    @Test
    void aPendingTombstoneKeepsTheSlotWhenTheStreamSaysSo() throws Exception {
        String db = PG.createDatabase("keep");
        PG.execute(db, "CREATE TABLE public.orders (id int PRIMARY KEY, note text)",
                "INSERT INTO public.orders VALUES (1, 'first')");
        cluster.createCredentials();
        SGStream keeping = stream(db);
        keeping.getMetadata().setName("kept");
        keeping.getSpec().getSource().getPostgres().setSkipDropReplicationSlotAndPublicationOnTombstone(true);
        SGStream created = cluster.create(keeping);
        try (Pod first = new Pod("capture-a", "kept")) {
            first.leased.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> first.leased.capture()
                    .map(c -> c.state() == CaptureState.STREAMING).orElse(false));
            first.listener.writer().orElseThrow().tombstoneAcknowledged("tombstone acknowledged");
        }
        try (Pod second = new Pod("capture-b", "kept")) {
            second.leased.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> CaptureStatusWriter.completed(read("kept")));
            assertThat(cluster.slotsAndPublications(db, StreamNames.slotName(created))).isEqualTo(2);
            assertThat(read("kept").getStatus().condition(StreamCondition.COMPLETED)).get()
                    .extracting(StreamCondition::getMessage).asString().contains("kept");
        }
        // kept on purpose; dropped here so the shared server holds no WAL for it
        cluster.dropSlot(db, StreamNames.slotName(created));
    }

    @Test
    void aCaptureThatCannotStartSaysWhyInTheStatusAnEventAndItsReadinessAndIsTriedAgain() throws Exception {
        cluster.createCredentials();
        SGStream unreachable = stream("postgres");
        unreachable.getMetadata().setName("unreachable");
        unreachable.getSpec().getSource().getPostgres().setHost("127.0.0.1");
        unreachable.getSpec().getSource().getPostgres().setPort(1);
        cluster.create(unreachable);
        try (Pod pod = new Pod("capture-a", "unreachable")) {
            pod.leased.start();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                SGStreamStatus s = read("unreachable").getStatus();
                assertThat(s).isNotNull();
                assertThat(s.condition(StreamCondition.FAILED)).get().satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo(StreamCondition.TRUE);
                    assertThat(c.getReason()).isEqualTo(StreamCondition.REASON_FAILED);
                });
                assertThat(s.getFailure()).contains("127.0.0.1:1");
            });
            assertThat(pod.leased.holdsLease()).isTrue();
            assertThat(pod.leased.capture()).isEmpty();
            assertThat(pod.leased.notCapturingReason()).get().asString().contains("failed to start");
            assertThat(client.v1().events().inNamespace(NS).list().getItems()).anySatisfy(e -> {
                assertThat(e.getInvolvedObject().getName()).isEqualTo("unreachable");
                assertThat(e.getReason()).isEqualTo(CaptureEvents.FAILED);
                assertThat(e.getType()).isEqualTo("Warning");
            });
        }
    }

    private SGStream read() {
        return read("orders");
    }

    private SGStream read(String name) {
        return cluster.read(name);
    }

    private SGStreamStatus status() {
        return cluster.status("orders");
    }

    private List<String> eventReasons() {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "orders".equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
    }

    private SGStream stream(String db) {
        return cluster.stream("orders", db);
    }
}
