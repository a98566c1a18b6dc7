package io.sgstream.capture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.preflight.PreflightException;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.event.RowChange;
import io.sgstream.testing.PostgresServer;
import io.sgstream.testing.TestCertificateAuthority;
import io.sgstream.testing.TlsPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * TLS to the source as an SGStream configures it: {@code sslMode: verify-full} and the CA in a Secret
 * ({@code sslRootCert}), against a real PostgreSQL with {@code ssl=on} and a certificate signed by a test CA.
 */
class SourceTlsTest {

    private static final TestCertificateAuthority CA = TestCertificateAuthority.create("sgstream source CA");
    private static PostgresServer postgres;

    @BeforeAll
    static void startTlsServer() {
        postgres = TlsPostgres.start(CA);
    }

    @AfterAll
    static void stopServer() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void verifyFullWithTheCaFromASecretCapturesOverTls() throws Exception {
        String db = postgres.createDatabase("tls");
        postgres.execute(db, "CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t VALUES (1)");
        CaptureConfig config = tlsConfig(db, "tls", CA.certificatePem());
        assertThat(config.source().jdbcProperties()).containsEntry("sslmode", "verify-full");

        try (RecordingEndpoint endpoint = new RecordingEndpoint();
             HttpEventSink sink = TestCaptures.sink(endpoint, 16);
             CaptureService capture = new CaptureService(config, sink, new SimpleMeterRegistry())) {
            capture.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(0) != null);
            postgres.execute(db, "INSERT INTO t VALUES (2)");
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(1) != null);

            assertThat(endpoint.events().stream().filter(e -> e instanceof RowChange).map(e -> (RowChange) e)
                    .map(r -> r.key().get("id").asInt() + "@" + r.position().txSeq()))
                    .containsExactly("1@0", "2@1");
            // the replication connection itself is encrypted, not only the preflight's
            assertThat(encryptedWalSenders()).isPositive();
        }
    }

    @Test
    void aWrongCaFailsAtPreflightNamingTheField() throws Exception {
        String db = postgres.createDatabase("wrongca");
        postgres.execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
        TestCertificateAuthority other = TestCertificateAuthority.create("some other CA");
        CaptureConfig config = tlsConfig(db, "wrongca", other.certificatePem());

        try (RecordingEndpoint endpoint = new RecordingEndpoint();
             HttpEventSink sink = TestCaptures.sink(endpoint, 16);
             CaptureService capture = new CaptureService(config, sink, new SimpleMeterRegistry())) {
            assertThatThrownBy(capture::start)
                    .isInstanceOfSatisfying(PreflightException.class, e -> assertThat(e.problem())
                            .isEqualTo(PreflightException.Problem.TLS))
                    .hasMessageStartingWith("TLS to PostgreSQL at localhost:" + postgres.port()
                            + " failed (sslmode verify-full): ")
                    .hasMessageContaining("certification path")
                    .hasMessageContaining("check spec.source.postgres.sslRootCert")
                    .hasMessageContaining("CA that signed the server's certificate");
            assertThat(capture.state()).isEqualTo(CaptureState.FAILED);
        }
    }

    private static CaptureConfig tlsConfig(String db, String name, String caPem) {
        return TestCaptures.tlsConfig(postgres, db, name, false, Map.of(
                "source/username", PostgresServer.USER,
                "source/password", PostgresServer.PASSWORD,
                TlsPostgres.SECRET + "/ca.crt", caPem));
    }

    private static int encryptedWalSenders() throws Exception {
        try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) "
                     + "WHERE backend_type = 'walsender' AND ssl")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
