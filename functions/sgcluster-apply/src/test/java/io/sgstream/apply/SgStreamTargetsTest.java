package io.sgstream.apply;

import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreams;
import io.sgstream.api.secret.SecretValue;
import io.sgstream.apply.prepare.TargetPreparation;
import io.sgstream.apply.schema.SchemaEvolutionMode;

import java.util.List;
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

    @Test
    void preparesTheTargetWithStackGresDefaultsReadingTheDdlFromTheSource() {
        ApplyConfig config = SgStreamTargets.config(SGStreams.fromYaml(STREAM),
                selector -> SecretValue.of(selector.getName() + "/" + selector.getKey()));
        TargetPreparation p = config.preparation();
        assertThat(p.importDdl()).isTrue();
        assertThat(p.source().jdbcUrl()).isEqualTo("jdbc:postgresql://shop-pg14.shop:5433/shop");
        assertThat(p.source().username()).isEqualTo("shop-pg14/superuser-username");
        assertThat(p.source().password()).isEqualTo("shop-pg14/superuser-password");
        assertThat(p.roleSkipFilter()).isNull();
        assertThat(p.dropIndexesAndConstraints()).isTrue();
        assertThat(p.dropPrimaryKeys()).isTrue();
        assertThat(p.restoreAfterSnapshot()).isTrue();
        assertThat(config.toString()).doesNotContain("superuser-password");
    }

    @Test
    void honoursTheSkipFlagsTheRoleFilterAndTheCapturedTables() {
        SGStream stream = SGStreams.fromYaml("""
                apiVersion: stackgres.io/v1alpha1
                kind: SGStream
                metadata: {name: migrate, namespace: shop}
                spec:
                  source: {type: SGCluster, sgCluster: {name: src, includes: ["public\\\\.orders"]}}
                  target:
                    type: SGCluster
                    sgCluster: {name: dst, ddlImportRoleSkipFilter: "(admin|ops_%)", skipDropPrimaryKeys: true,
                                skipRestoreIndexesAfterSnapshot: true}
                  pods: {persistentVolume: {size: 1Gi}}
                """);
        TargetPreparation p = SgStreamTargets.config(stream, s -> SecretValue.of("x")).preparation();
        assertThat(p.roleSkipFilter()).isEqualTo("(admin|ops_%)");
        assertThat(p.includes()).isEqualTo(List.of("public\\.orders"));
        assertThat(p.captured().table("public", "orders")).isTrue();
        assertThat(p.captured().table("public", "lines")).isFalse();
        assertThat(p.dropIndexesAndConstraints()).isTrue();
        assertThat(p.dropPrimaryKeys()).isFalse();
        assertThat(p.restoreAfterSnapshot()).isFalse();

        stream.getSpec().getTarget().getSgCluster().setSkipDdlImport(true);
        stream.getSpec().getTarget().getSgCluster().setSkipDropIndexesAndConstraints(true);
        p = SgStreamTargets.config(stream, s -> SecretValue.of("x")).preparation();
        assertThat(p.importDdl()).isFalse();
        assertThat(p.source()).isNull();
        assertThat(p.needed()).isFalse();
    }

    @Test
    void anEmbeddedSourceNeedsItsConnectionGivenOrTheImportSkipped() {
        SGStream stream = SGStreams.fromYaml("""
                apiVersion: stackgres.io/v1alpha1
                kind: SGStream
                metadata: {name: local, namespace: dev}
                spec:
                  source: {type: Postgres, postgres: {host: embedded, username: {name: s, key: u}, password: {name: s, key: p}}}
                  target: {type: SGCluster, sgCluster: {name: dst}}
                  pods: {persistentVolume: {size: 1Gi}}
                """);
        assertThatThrownBy(() -> SgStreamTargets.config(stream, s -> SecretValue.of("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("skipDdlImport")
                .hasMessageContaining("embedded");
        TargetPreparation.SourceDatabase given = new TargetPreparation.SourceDatabase("jdbc:postgresql://localhost:5432/src", "u", "p");
        assertThat(SgStreamTargets.config(stream, s -> SecretValue.of("x"), given).preparation().source()).isEqualTo(given);
    }
}
