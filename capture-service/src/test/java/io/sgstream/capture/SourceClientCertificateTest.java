package io.sgstream.capture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.preflight.PreflightException;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.event.RowChange;
import io.sgstream.testing.PostgresServer;
import io.sgstream.testing.TestCertificateAuthority;
import io.sgstream.testing.TestCertificateAuthority.ClientCertificate;
import io.sgstream.testing.TlsPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Client-certificate authentication to the source, as an SGStream configures it ({@code sslMode: verify-full},
 * {@code sslRootCert}, {@code sslCert}, {@code sslKey} from Secrets, PEM as Kubernetes TLS Secrets hold them), against
 * a real PostgreSQL whose pg_hba.conf admits the capture user only with {@code hostssl ... cert} (a client certificate
 * signed by the server's CA whose CN is the user; no password is accepted). So every connection the capture opens
 * (preflight, Debezium's snapshot and replication connections, the offset store) must present the certificate.
 */
class SourceClientCertificateTest {

    private static final String USER = "capture";
    private static final TestCertificateAuthority CA = TestCertificateAuthority.create("sgstream source CA");
    private static PostgresServer postgres;
    /** Client certificates, issued once (keytool is slow on a busy machine). */
    private static ClientCertificate client;
    private static ClientCertificate someoneElse;
    private static ClientCertificate foreign;

    @BeforeAll
    static void startServerRequiringClientCertificates() {
        // a non-superuser that may replicate and create the stream's publication of the tables it owns
        postgres = TlsPostgres.startRequiringClientCertificate(CA, USER, "REPLICATION");
        client = CA.issueClient(USER);
        someoneElse = CA.issueClient("someone_else");
        foreign = TestCertificateAuthority.create("some other CA").issueClient(USER);
    }

    @AfterAll
    static void stopServer() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void snapshotsAndStreamsWithAClientCertificateFromSecrets() throws Exception {
        String db = database("certok");
        CaptureConfig config = config(db, "certok", client.certificatePem(), client.keyPem());
        assertThat(config.source().jdbcProperties()).containsKeys("sslcert", "sslkey", "sslrootcert");

        try (RecordingEndpoint endpoint = new RecordingEndpoint();
             HttpEventSink sink = TestCaptures.sink(endpoint, 16);
             CaptureService capture = new CaptureService(config, sink, new SimpleMeterRegistry())) {
            capture.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(0) != null);
            postgres.execute(db, "INSERT INTO t VALUES (3)");
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(1) != null);

            assertThat(endpoint.events().stream().filter(e -> e instanceof RowChange).map(e -> (RowChange) e)
                    .map(r -> r.key().get("id").asInt() + "@" + r.position().txSeq()))
                    .containsExactly("1@0", "2@0", "3@1");
            // the walsender and any other connection of the capture user authenticated by the certificate
            List<String> sessions = captureSessions(db);
            assertThat(sessions).contains("walsender ssl=true dn=/CN=" + USER);
            assertThat(sessions).allMatch(s -> s.endsWith("ssl=true dn=/CN=" + USER));
            // the offsets were written over such a connection too
            assertThat(TestCaptures.committedOffset(postgres, db, "test/certok").has("sgstream.txseq")).isTrue();
        }
    }

    @Test
    void withoutAClientCertificateThePreflightNamesSslCertAndSslKey() throws Exception {
        String db = database("nocert");
        assertClientCertificateProblem(config(db, "nocert", null, null));
    }

    @Test
    void aCertificateFromAnotherCaFailsAtPreflightNamingSslCertAndSslKey() throws Exception {
        String db = database("otherca");
        assertClientCertificateProblem(config(db, "otherca", foreign.certificatePem(), foreign.keyPem()));
    }

    @Test
    void aCertificateForAnotherUserFailsAtPreflightNamingSslCert() throws Exception {
        String db = database("otheruser");
        assertClientCertificateProblem(config(db, "otheruser", someoneElse.certificatePem(), someoneElse.keyPem()));
    }

    @Test
    void aKeyThatIsNotTheCertificatesFailsAtPreflightNamingSslCertAndSslKey() throws Exception {
        String db = database("wrongkey");
        assertClientCertificateProblem(config(db, "wrongkey", client.certificatePem(), someoneElse.keyPem()));
    }

    private static void assertClientCertificateProblem(CaptureConfig config) throws Exception {
        try (RecordingEndpoint endpoint = new RecordingEndpoint();
             HttpEventSink sink = TestCaptures.sink(endpoint, 16);
             CaptureService capture = new CaptureService(config, sink, new SimpleMeterRegistry())) {
            assertThatThrownBy(capture::start)
                    .hasMessageStartingWith("TLS to PostgreSQL at localhost:" + postgres.port())
                    .hasMessageContaining("spec.source.postgres.sslCert")
                    .hasMessageContaining("spec.source.postgres.sslKey")
                    .hasMessageContaining("'" + USER + "'")
                    .isInstanceOfSatisfying(PreflightException.class, e -> assertThat(e.problem())
                            .isEqualTo(PreflightException.Problem.TLS));
            assertThat(capture.state()).isEqualTo(CaptureState.FAILED);
        }
    }

    /** A database with a table owned by the capture user, which may create schemas (offsets, signals) in it. */
    private static String database(String prefix) {
        String db = postgres.createDatabase(prefix);
        postgres.execute(db, "CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t VALUES (1), (2)",
                "ALTER TABLE t OWNER TO " + USER, "GRANT CREATE ON DATABASE " + db + " TO " + USER);
        return db;
    }

    private static CaptureConfig config(String db, String name, String certPem, String keyPem) {
        Map<String, String> secrets = new HashMap<>(Map.of(
                "source/username", USER,
                "source/password", "not-used-by-cert-authentication",
                TlsPostgres.SECRET + "/ca.crt", CA.certificatePem()));
        if (certPem != null) {
            secrets.put(TlsPostgres.SECRET + "/tls.crt", certPem);
            secrets.put(TlsPostgres.SECRET + "/tls.key", keyPem);
        }
        return TestCaptures.tlsConfig(postgres, db, name, certPem != null, secrets);
    }

    /** {@code <backend type> ssl=<ssl> dn=<client DN>} of every session of the capture user on {@code db}. */
    private static List<String> captureSessions(String db) throws Exception {
        List<String> sessions = new ArrayList<>();
        try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT a.backend_type, l.ssl, l.client_dn FROM pg_stat_activity a "
                     + "JOIN pg_stat_ssl l USING (pid) WHERE a.usename = '" + USER + "' AND a.datname = '" + db + "'")) {
            while (rs.next()) {
                sessions.add(rs.getString(1) + " ssl=" + rs.getBoolean(2) + " dn=" + rs.getString(3));
            }
        }
        return sessions;
    }
}
