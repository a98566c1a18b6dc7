package io.sgstream.apply.knative;

import io.sgstream.api.SGStreams;
import io.sgstream.api.secret.SecretResolver;
import io.sgstream.api.secret.SecretValue;
import io.sgstream.apply.SgStreamTargets;
import io.sgstream.apply.ddl.DdlStatement;
import io.sgstream.apply.ddl.SourceSchemaReader;
import io.sgstream.apply.prepare.TargetPreparation;
import io.sgstream.testing.PostgresServer;
import io.sgstream.testing.TestCertificateAuthority;
import io.sgstream.testing.TestCertificateAuthority.ClientCertificate;
import io.sgstream.testing.TlsPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DDL import reaches the source with the TLS the SGStream gives the capture ({@code sslMode},
 * {@code sslRootCert}, {@code sslCert}, {@code sslKey}), both ways the apply gets it: from the SGStream and its
 * Secrets (local runner, {@link SgStreamTargets}), and from the {@code SGSTREAM_APPLY_PREPARE_SOURCE_*} settings the
 * controller sets (Knative). The source is a real PostgreSQL that admits the user only with a client certificate.
 */
class SourceTlsDdlImportTest {

    private static final String USER = "ddl_reader";
    private static final TestCertificateAuthority CA = TestCertificateAuthority.create("sgstream source CA");
    private static PostgresServer postgres;
    private static ClientCertificate client;
    private static String db;

    @BeforeAll
    static void startServerRequiringClientCertificates() {
        postgres = TlsPostgres.startRequiringClientCertificate(CA, USER, "");
        db = postgres.createDatabase("tlsddl");
        postgres.execute(db, "CREATE TABLE orders (id int PRIMARY KEY, note text NOT NULL)");
        client = CA.issueClient(USER);
    }

    @AfterAll
    static void stopServer() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void fromTheSgStreamAndItsSecrets() throws Exception {
        TargetPreparation preparation = SgStreamTargets.preparation(SGStreams.fromYaml(stream(true)), secrets(), null);

        assertThat(preparation.source().jdbcProperties()).containsKeys("sslmode", "sslrootcert", "sslcert", "sslkey");
        assertThat(importedObjects(preparation)).contains("table public.orders");
    }

    @Test
    void fromTheSettingsTheControllerSets() throws Exception {
        TargetPreparation preparation = ApplyProducer.preparation(settings(
                "jdbc:postgresql://localhost:" + postgres.port() + "/" + db + "?sslmode=verify-full",
                Optional.of(client.certificatePem()), Optional.of(client.keyPem())));

        assertThat(importedObjects(preparation)).contains("table public.orders");
    }

    @Test
    void withoutTheClientCertificateTheSourceRefuses() {
        TargetPreparation preparation = SgStreamTargets.preparation(SGStreams.fromYaml(stream(false)), secrets(), null);

        assertThatThrownBy(() -> importedObjects(preparation)).isInstanceOf(SQLException.class)
                .hasMessageContaining("client certificate");
    }

    private static List<String> importedObjects(TargetPreparation preparation) throws SQLException {
        try (Connection c = preparation.source().connect()) {
            return new SourceSchemaReader(preparation.captured(), null).read(c).statements().stream()
                    .map(DdlStatement::object).toList();
        }
    }

    private static String stream(boolean clientCertificate) {
        return """
                apiVersion: stackgres.io/v1alpha1
                kind: SGStream
                metadata:
                  name: tlsddl
                  namespace: test
                spec:
                %s  target:
                    type: SGCluster
                    sgCluster:
                      name: target
                """.formatted(TlsPostgres.sgStreamSource(postgres, db, clientCertificate));
    }

    private static SecretResolver secrets() {
        return selector -> SecretValue.of(switch (selector.getName() + "/" + selector.getKey()) {
            case "source/username" -> USER;
            case "source/password" -> "not-used-by-cert-authentication";
            case "source-tls/ca.crt" -> CA.certificatePem();
            case "source-tls/tls.crt" -> client.certificatePem();
            case "source-tls/tls.key" -> client.keyPem();
            default -> throw new IllegalArgumentException("no secret " + selector.getName() + "/" + selector.getKey());
        });
    }

    private static ApplySettings.Prepare settings(String url, Optional<String> cert, Optional<String> key) {
        return new ApplySettings.Prepare() {
            public boolean importDdl() { return true; }
            public Optional<String> sourceJdbcUrl() { return Optional.of(url); }
            public Optional<String> sourceUsername() { return Optional.of(USER); }
            public Optional<String> sourcePassword() { return Optional.empty(); }
            public Optional<String> sourceSslRootCert() { return Optional.of(CA.certificatePem()); }
            public Optional<String> sourceSslCert() { return cert; }
            public Optional<String> sourceSslKey() { return key; }
            public Optional<List<String>> includes() { return Optional.empty(); }
            public Optional<List<String>> excludes() { return Optional.empty(); }
            public Optional<String> roleSkipFilter() { return Optional.empty(); }
            public boolean dropIndexesAndConstraints() { return false; }
            public boolean dropPrimaryKeys() { return false; }
            public boolean restoreAfterSnapshot() { return true; }
        };
    }
}
