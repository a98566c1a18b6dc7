package io.sgstream.apply;

import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreams;
import io.sgstream.api.secret.SecretValue;
import io.sgstream.apply.schema.SchemaEvolutionMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** spec.target.sgCluster as StackGres writes it becomes the apply's settings. */
class SgStreamTargetsTest {

    private static final String STREAM = """
            apiVersion: stackgres.io/v1alpha1
            kind: SGStream
            metadata: {name: migrate-shop, namespace: shop}
            spec:
              source: {type: SGCluster, sgCluster: {name: shop-pg14, database: shop}}
              target:
                type: SGCluster
                sgCluster:
                  name: shop-pg17
                  database: shop
                  username: {name: creds, key: user}
                  password: {name: creds, key: pass}
                  debeziumProperties: {batchSize: 500, connectionPoolMax_size: 12, schemaEvolution: none,
                                       connectionUrlParameters: "sslmode=disable"}
              pods: {persistentVolume: {size: 1Gi}}
            """;

    @Test
    void readsConnectionCredentialsAndSinkSettings() {
        SGStream stream = SGStreams.fromYaml(STREAM);
        ApplyConfig config = SgStreamTargets.config(stream, selector -> SecretValue.of(selector.getName() + "/" + selector.getKey()));
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://shop-pg17.shop:5433/shop?sslmode=disable");
        assertThat(config.username()).isEqualTo("creds/user");
        assertThat(config.password()).isEqualTo("creds/pass");
        assertThat(config.poolSize()).isEqualTo(12);
        assertThat(config.statementRows()).isEqualTo(500);
        assertThat(config.schemaEvolution()).isEqualTo(SchemaEvolutionMode.NONE);
        assertThat(config.toString()).doesNotContain("creds/pass");
    }

    @Test
    void refusesAStreamWithoutAnSGClusterTarget() {
        SGStream stream = SGStreams.fromYaml("""
                apiVersion: stackgres.io/v1alpha1
                kind: SGStream
                metadata: {name: to-events, namespace: shop}
                spec:
                  source: {type: SGCluster, sgCluster: {name: shop-pg14}}
                  target: {type: CloudEvent, cloudEvent: {http: {url: "http://broker"}}}
                  pods: {persistentVolume: {size: 1Gi}}
                """);
        assertThatThrownBy(() -> SgStreamTargets.config(stream, s -> SecretValue.of("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sgCluster");
    }
}
