package io.sgstream.capture.kubernetes;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.api.SGStream;
import io.sgstream.api.StreamNames;
import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.CaptureService;
import io.sgstream.capture.CaptureState;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two capture instances of one stream (two pods, as during a rollout) against fabric8's mock API server (CRUD) and a
 * real PostgreSQL: only the Lease holder captures; the other says why it does not; losing the Lease stops the
 * capture without losing acknowledged positions, and the capture resumes once the Lease is re-acquired.
 */
@EnableKubernetesMockClient(crud = true)
class LeasedCaptureTest {

    static final String NS = MockCluster.NS;
    /** Its own stream name: a slot left by another class on the shared server must not be this one's. */
    static final String STREAM = "leased";
    static final String LEASE = STREAM + "-capture";

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    KubernetesClient client;
    MockCluster cluster;

    @BeforeEach
    void installCrd() {
        cluster = new MockCluster(client, PG);
    }

    /** One "pod": its own sink endpoint, HTTP client, meters and lease identity. */
    final class Pod implements AutoCloseable {
        final AcceptingSink target;
        final LeasedCapture leased;
        final List<CaptureService> started = new ArrayList<>();
        final List<CaptureService> stopped = new ArrayList<>();

        Pod(String identity) throws Exception {
            target = new AcceptingSink(new SimpleMeterRegistry());
            KubernetesStream stream = new KubernetesStream(client, NS, STREAM);
            leased = new LeasedCapture(client, NS, LEASE, identity, MockCluster.FAST_LEASE, () -> {
                SGStream read = stream.read();
                return Optional.of(new CaptureService(CaptureConfig.from(read, stream.secrets()), target.sink,
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
            return target.target.requests().stream().filter(r -> r.header("ce-op") != null).count();
        }

        @Override
        public void close() {
            leased.close();
            target.close();
        }
    }

    @Test
    void onlyTheLeaseHolderCapturesAndALostLeaseStopsTheCaptureUntilReAcquired() throws Exception {
        String db = PG.createDatabase("leased");
        PG.execute(db, "CREATE TABLE public.orders (id int PRIMARY KEY, note text)",
                "INSERT INTO public.orders VALUES (1, 'first'), (2, 'second')");
        cluster.createCredentials();
        SGStream created = cluster.create(cluster.stream(STREAM, db));
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
            await().atMost(Duration.ofSeconds(60)).until(() -> leader.rowEvents() == 3);
            assertThat(standby.rowEvents()).isZero();
            assertThat(cluster.activeSlotConnections(db, StreamNames.slotName(created))).isEqualTo(1);

            // another holder takes the Lease (as after a partition): the leader cannot renew and stops capturing.
            // The leader renews concurrently, so the edit may meet a 409 conflict: retried, as any client would.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
                client.leases().inNamespace(NS).withName(LEASE).edit(l -> {
                    l.getSpec().setHolderIdentity("intruder");
                    l.getSpec().setLeaseDurationSeconds(8);
                    l.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
                    l.getSpec().setAcquireTime(ZonedDateTime.now(ZoneOffset.UTC));
                    return l;
                });
                return true;
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> !leader.leased.holdsLease()
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
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(a.rowEvents() + b.rowEvents()).isGreaterThanOrEqualTo(4));
            CaptureService resumed = next.leased.capture().orElseThrow();
            // no new snapshot: rows 1 and 2 were acknowledged and committed before the Lease was lost
            assertThat(resumed.status().snapshotRows()).isEmpty();
            assertThat(resumed.status().snapshotCompleted()).isTrue();
            assertThat(holder()).isEqualTo(next.leased.identity());
            assertThat(cluster.activeSlotConnections(db, StreamNames.slotName(created))).isEqualTo(1);
        }
        cluster.dropSlot(db, StreamNames.slotName(created));
    }

    private String holder() {
        Lease lease = client.leases().inNamespace(NS).withName(LEASE).get();
        return lease.getSpec().getHolderIdentity();
    }
}
