package io.sgstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgstream.api.secret.EnvSecretResolver;
import io.sgstream.api.secret.SecretNotFoundException;
import io.sgstream.api.secret.SecretResolver;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresConnectionTest {

    private static final String PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n"
            + "-----END PRIVATE KEY-----\n";

    private static final SecretResolver SECRETS = new EnvSecretResolver(Map.of(
            "SGSTREAM_SECRET_SHOP_PG14_SUPERUSER_USERNAME", "postgres",
            "SGSTREAM_SECRET_SHOP_PG14_SUPERUSER_PASSWORD", "cluster-pass-123",
            "SGSTREAM_SECRET_SHOP_PG17_SUPERUSER_USERNAME", "postgres",
            "SGSTREAM_SECRET_SHOP_PG17_SUPERUSER_PASSWORD", "target-pass-456",
            "SGSTREAM_SECRET_DB_CREDS_USERNAME", "cdc",
            "SGSTREAM_SECRET_DB_CREDS_PASSWORD", "p@ss-789",
            "SGSTREAM_SECRET_DB_TLS_CA_CRT", "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n",
            "SGSTREAM_SECRET_DB_TLS_TLS_CRT", "-----BEGIN CERTIFICATE-----\nCLIENT\n-----END CERTIFICATE-----\n",
            "SGSTREAM_SECRET_DB_TLS_TLS_KEY", PRIVATE_KEY), null);

    private static SGStream stream(String source, String target) {
        return SGStreams.fromYaml(ValidationTest.stream("orders", source + target)
                .replace("  name: orders\n", "  name: orders\n  namespace: shop\n"));
    }

    private static final String SGCLUSTER_TARGET = "target:\n  type: SGCluster\n  sgCluster:\n    name: shop-pg17\n";

    @Test
    void reachesAnSGClusterAsStackGresDoes() {
        SGStream stream = stream("source:\n  type: SGCluster\n  sgCluster:\n    name: shop-pg14\n    database: shop\n",
                SGCLUSTER_TARGET);

        PostgresConnection source = PostgresConnection.forSource(stream, SECRETS);
        PostgresConnection target = PostgresConnection.forTarget(stream, SECRETS);

        assertThat(source.host()).isEqualTo("shop-pg14.shop");
        assertThat(source.port()).isEqualTo(5433);
        assertThat(source.database()).isEqualTo("shop");
        assertThat(source.username()).isEqualTo("postgres");
        assertThat(source.password().reveal()).isEqualTo("cluster-pass-123");
        assertThat(source.jdbcUrl()).isEqualTo("jdbc:postgresql://shop-pg14.shop:5433/shop");
        assertThat(target.database()).isEqualTo("postgres");
        assertThat(target.password().reveal()).isEqualTo("target-pass-456");
    }

    @Test
    void reachesAnExternalPostgresOverTls() {
        SGStream stream = stream("""
                source:
                  type: Postgres
                  postgres:
                    host: db.example.com
                    username: {name: db-creds, key: username}
                    password: {name: db-creds, key: password}
                    sslMode: verify-full
                    sslRootCert: {name: db-tls, key: ca.crt}
                    sslCert: {name: db-tls, key: tls.crt}
                    sslKey: {name: db-tls, key: tls.key}
                """, SGCLUSTER_TARGET);

        PostgresConnection source = PostgresConnection.forSource(stream, SECRETS);

        assertThat(source.host()).isEqualTo("db.example.com");
        assertThat(source.port()).isEqualTo(5432);
        assertThat(source.database()).isEqualTo("postgres");
        assertThat(source.username()).isEqualTo("cdc");
        assertThat(source.password().reveal()).isEqualTo("p@ss-789");
        assertThat(source.sslMode()).contains("verify-full");
        assertThat(source.sslKey()).hasValueSatisfying(k -> assertThat(k.reveal()).isEqualTo(PRIVATE_KEY));
        assertThat(source.sslRootCert()).isPresent();
    }

    @Test
    void refusesWhatOnlyTheLocalRunnerCanReach() {
        SGStream stream = stream("source:\n  type: Postgres\n  postgres:\n    host: embedded\n", SGCLUSTER_TARGET);

        assertThatThrownBy(() -> PostgresConnection.forSource(stream, SECRETS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("local runner");
    }

    @Test
    void refusesATargetThatIsNoDatabase() {
        SGStream stream = stream("source:\n  type: SGCluster\n  sgCluster:\n    name: shop-pg14\n",
                "target:\n  type: CloudEvent\n  cloudEvent:\n    http:\n      url: http://sink\n");

        assertThatThrownBy(() -> PostgresConnection.forTarget(stream, SECRETS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passesOnAMissingSecret() {
        SGStream stream = stream("source:\n  type: SGCluster\n  sgCluster:\n    name: other\n", SGCLUSTER_TARGET);

        assertThatThrownBy(() -> PostgresConnection.forSource(stream, SECRETS))
                .isInstanceOf(SecretNotFoundException.class)
                .hasMessageContaining("SGSTREAM_SECRET_OTHER_SUPERUSER_USERNAME");
    }
}
