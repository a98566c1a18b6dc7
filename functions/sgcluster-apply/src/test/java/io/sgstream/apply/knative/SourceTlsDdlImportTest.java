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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
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
    static void startServerRequiringClientCertificates() throws Exception {
        TestCertificateAuthority.ServerCertificate cert = CA.issueServer("localhost", "DNS:localhost,IP:127.0.0.1");
        Path hba = Files.createTempFile("sgstream-hba-", ".conf");
        Files.writeString(hba, String.join("\n",
                "local all all trust",
                "host all " + PostgresServer.USER + " 127.0.0.1/32 trust",
                "host all " + PostgresServer.USER + " ::1/128 trust",
                "hostssl all " + USER + " 127.0.0.1/32 cert clientcert=verify-full",
                "hostssl all " + USER + " ::1/128 cert clientcert=verify-full",
                ""), StandardCharsets.US_ASCII);
        postgres = PostgresServer.startLogical(Map.of(
                "ssl", "on",
                "ssl_cert_file", cert.certificateFile().toString(),
                "ssl_key_file", cert.keyFile().toString(),
                "ssl_ca_file", CA.certificateFile().toString(),
                "hba_file", hba.toString()));
        postgres.execute("postgres", "CREATE ROLE " + USER + " LOGIN");
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
                  source:
                    type: Postgres
                    postgres:
                      host: localhost
                      port: %d
                      database: %s
                      username: {name: source, key: username}
                      password: {name: source, key: password}
                      sslMode: verify-full
                      sslRootCert: {name: source-tls, key: ca.crt}
                %s  target:
                    type: SGCluster
                    sgCluster:
                      name: target
                """.formatted(postgres.port(), db, clientCertificate ? """
                      sslCert: {name: source-tls, key: tls.crt}
                      sslKey: {name: source-tls, key: tls.key}
                """ : "");
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
