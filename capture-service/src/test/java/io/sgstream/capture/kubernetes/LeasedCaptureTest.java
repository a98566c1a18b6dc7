package io.sgstream.capture.kubernetes;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreamCrd;
import io.sgstream.api.StreamNames;
import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.CaptureService;
import io.sgstream.capture.CaptureState;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.capture.sink.HttpSinkConfig;
import io.sgstream.capture.sink.LoopbackSink;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two capture instances of one stream (two pods, as during a rollout) against fabric8's mock API server (CRUD) and a
 * real PostgreSQL: only the Lease holder captures; the other says why it does not; losing the Lease stops the
 * capture without losing acknowledged positions, and the capture resumes once the Lease is re-acquired.
 */
@EnableKubernetesMockClient(crud = true)
class LeasedCaptureTest {

    static {
        Logger.getLogger("io.debezium").setLevel(Level.WARNING);
        Logger.getLogger("org.apache.kafka").setLevel(Level.WARNING);
    }

    static final String NS = "shop";
    static final String LEASE = "orders-capture";
    static final LeasedCapture.Timing FAST = new LeasedCapture.Timing(Duration.ofSeconds(3), Duration.ofSeconds(2),
            Duration.ofMillis(300));

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    KubernetesClient client;

    @BeforeEach
    void installCrd() {
        client.apiextensions().v1().customResourceDefinitions().resource(SGStreamCrd.load()).createOr(r -> r.update());
    }

    /** One "pod": its own sink endpoint, HTTP client, meters and lease identity. */
    final class Pod implements AutoCloseable {
        final LoopbackSink target;
        final HttpEventSink sink;
        final LeasedCapture leased;
        final List<CaptureService> started = new ArrayList<>();
        final List<CaptureService> stopped = new ArrayList<>();

        Pod(String identity) throws Exception {
            target = LoopbackSink.http(r -> LoopbackSink.Reply.status(202));
            sink = new HttpEventSink(HttpSinkConfig.builder(target.url()).maxInFlight(8)
                    .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build(), new SimpleMeterRegistry());
            KubernetesStream stream = new KubernetesStream(client, NS, "orders");
            leased = new LeasedCapture(client, NS, LEASE, identity, FAST, () -> {
                SGStream read = stream.read();
                return Optional.of(new CaptureService(CaptureConfig.from(read, stream.secrets()), sink,
                        new SimpleMeterRegistry()));
            }, new LeasedCapture.Listener() {
                @Override
                public synchronized void started(CaptureService capture) {
                    started.add(capture);
                }

                @Override
                public synchronized void stopped(CaptureService capture) {
                    stopped.add(capture);
                }
            });
        }

        boolean capturing() {
            return leased.capture().map(c -> c.state() == CaptureState.STREAMING).orElse(false);
        }

        long rowEvents() {
            return target.requests().stream().filter(r -> r.header("ce-op") != null).count();
        }

        @Override
        public void close() {
            leased.close();
            sink.close();
            target.close();
        }
    }

    @Test
    void onlyTheLeaseHolderCapturesAndALostLeaseStopsTheCaptureUntilReAcquired() throws Exception {
        String db = PG.createDatabase("leased");
        PG.execute(db, "CREATE TABLE public.orders (id int PRIMARY KEY, note text)",
                "INSERT INTO public.orders VALUES (1, 'first'), (2, 'second')");
        client.secrets().inNamespace(NS).resource(TestStreams.credentials(NS)).createOr(r -> r.update());
        SGStream created = client.resource(stream(db)).create();
        try (Pod a = new Pod("capture-a"); Pod b = new Pod("capture-b")) {
            a.leased.start();
            b.leased.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> a.capturing() || b.capturing());
            Pod leader = a.capturing() ? a : b;
            Pod standby = leader == a ? b : a;
            assertThat(leader.leased.holdsLease()).isTrue();
            assertThat(standby.leased.holdsLease()).isFalse();
            assertThat(standby.leased.capture()).isEmpty();
            assertThat(standby.started).isEmpty();
            assertThat(standby.leased.notCapturingReason()).get().asString()
                    .contains("waiting for the lease").contains("held by " + leader.leased.identity());
            assertThat(leader.leased.notCapturingReason()).isEmpty();
            assertThat(holder()).isEqualTo(leader.leased.identity());

            PG.execute(db, "INSERT INTO public.orders VALUES (3, 'third')");
            await().atMost(Duration.ofSeconds(30)).until(() -> leader.rowEvents() == 3);
            assertThat(standby.rowEvents()).isZero();
            assertThat(activeSlotConnections(db, StreamNames.slotName(created))).isEqualTo(1);

            // another holder takes the Lease (as after a partition): the leader cannot renew and stops capturing.
            // The leader renews concurrently, so the edit may meet a 409 conflict: retried, as any client would.
            await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
                client.leases().inNamespace(NS).withName(LEASE).edit(l -> {
                    l.getSpec().setHolderIdentity("intruder");
                    l.getSpec().setLeaseDurationSeconds(8);
                    l.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
                    l.getSpec().setAcquireTime(ZonedDateTime.now(ZoneOffset.UTC));
                    return l;
                });
                return true;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> !leader.leased.holdsLease()
                    && leader.leased.capture().isEmpty());
            CaptureService first = leader.started.get(0);
            assertThat(first.state()).isEqualTo(CaptureState.STOPPED);
            assertThat(leader.stopped).containsExactly(first);
            assertThat(leader.leased.notCapturingReason()).get().asString().contains("lease lost");
            PG.execute(db, "INSERT INTO public.orders VALUES (4, 'fourth')");

            // the intruder's Lease expires: one of the two re-acquires it and resumes after the committed position
            await().atMost(Duration.ofSeconds(60)).until(() -> a.capturing() || b.capturing());
            Pod next = a.capturing() ? a : b;
            Pod other = next == a ? b : a;
            assertThat(other.leased.capture()).isEmpty();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(a.rowEvents() + b.rowEvents()).isGreaterThanOrEqualTo(4));
            CaptureService resumed = next.leased.capture().orElseThrow();
            // no new snapshot: rows 1 and 2 were acknowledged and committed before the Lease was lost
            assertThat(resumed.status().snapshotRows()).isEmpty();
            assertThat(resumed.status().snapshotCompleted()).isTrue();
            assertThat(holder()).isEqualTo(next.leased.identity());
            assertThat(activeSlotConnections(db, StreamNames.slotName(created))).isEqualTo(1);
        }
    }

    private String holder() {
        Lease lease = client.leases().inNamespace(NS).withName(LEASE).get();
        return lease.getSpec().getHolderIdentity();
    }

    private int activeSlotConnections(String db, String slot) throws Exception {
        try (Connection c = PG.server().connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE active AND slot_name = '"
                     + slot + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static SGStream stream(String db) {
        return TestStreams.stream(NS, "orders", PG.server().host(), PG.server().port(), db,
                "http://127.0.0.1:1/replaced-per-pod");
    }
}
