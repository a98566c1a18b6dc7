package io.sgstream.capture.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreamCrd;
import io.sgstream.api.SGStreamStatus;
import io.sgstream.testing.PostgresExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the Kubernetes-mode tests share: fabric8's mock API server (CRUD) with the SGStream CRD installed, streams of
 * namespace {@link #NS} capturing the test's embedded PostgreSQL, and the PostgreSQL-side checks of their slots.
 * Each test class names its streams differently: slot names are global to the PostgreSQL server the classes share.
 */
final class MockCluster {

    static {
        // Debezium logs every step at INFO; keep its warnings
        Logger.getLogger("io.debezium").setLevel(Level.WARNING);
        Logger.getLogger("org.apache.kafka").setLevel(Level.WARNING);
    }

    static final String NS = "shop";
    /**
     * Lease timing for tests: a standby retries every 300 ms, so it takes over soon after a pod closes (which releases
     * the Lease); the renew deadline is long enough that a holder on a loaded machine (GC, CPU starved by other builds)
     * still renews in time instead of losing the Lease mid-test.
     */
    static final LeasedCapture.Timing FAST_LEASE = new LeasedCapture.Timing(Duration.ofSeconds(10),
            Duration.ofSeconds(8), Duration.ofMillis(300));

    final KubernetesClient client;
    private final PostgresExtension pg;

    /** Installs the SGStream CRD (its status subresource) in the mock API server behind {@code client}. */
    MockCluster(KubernetesClient client, PostgresExtension pg) {
        this.client = client;
        this.pg = pg;
        client.apiextensions().v1().customResourceDefinitions().resource(SGStreamCrd.load()).createOr(r -> r.update());
    }

    /** The Secret {@value TestStreams#CREDENTIALS} with the embedded server's user and password. */
    void createCredentials() {
        client.secrets().inNamespace(NS).resource(TestStreams.credentials(NS)).createOr(r -> r.update());
    }

    void createSecret(String name, Map<String, String> values) {
        client.secrets().inNamespace(NS).resource(TestStreams.secret(NS, name, values)).createOr(r -> r.update());
    }

    /** A stream of {@code database} on the embedded server whose target each test's pod replaces with its sink. */
    SGStream stream(String name, String database) {
        return stream(name, database, "http://127.0.0.1:1/replaced-per-pod");
    }

    SGStream stream(String name, String database, String url) {
        return TestStreams.stream(NS, name, pg.server().host(), pg.server().port(), database, url);
    }

    SGStream create(SGStream stream) {
        return client.resource(stream).create();
    }

    SGStream read(String name) {
        return client.resources(SGStream.class).inNamespace(NS).withName(name).get();
    }

    /** The stream's status, empty when none was written yet. */
    SGStreamStatus status(String name) {
        SGStream read = read(name);
        return read.getStatus() == null ? new SGStreamStatus() : read.getStatus();
    }

    /** How many of the slot and the publication named {@code slot} exist (0 to 2). */
    int slotsAndPublications(String db, String slot) throws Exception {
        return count(db, "SELECT (SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot
                + "') + (SELECT count(*) FROM pg_publication WHERE pubname = '" + slot + "')");
    }

    int activeSlotConnections(String db, String slot) throws Exception {
        return count(db, "SELECT count(*) FROM pg_replication_slots WHERE active AND slot_name = '" + slot + "'");
    }

    /** Drops a slot the test leaves behind, so the shared server keeps no WAL for it. */
    void dropSlot(String db, String slot) {
        pg.execute(db, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                + slot + "'");
    }

    private int count(String db, String sql) throws Exception {
        try (Connection c = pg.server().connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
