package io.sgstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgstream.api.spec.SourceType;
import io.sgstream.api.spec.TargetType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExamplesTest {

    static List<Path> examples() {
        return Examples.files();
    }

    @Test
    void everySourceAndTargetCombinationHasAnExample() {
        assertThat(examples()).extracting(p -> p.getFileName().toString()).contains(
                "sgcluster-to-sgcluster.yaml", "sgcluster-to-cloudevent.yaml", "sgcluster-to-pglambda.yaml",
                "postgres-to-sgcluster.yaml", "postgres-to-cloudevent.yaml", "postgres-to-pglambda.yaml",
                "local-demo.yaml");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void loadsValidatesAndSurvivesARoundTrip(Path example) throws IOException {
        SGStream stream = SGStreams.fromFile(example);

        assertThat(SGStreamValidator.validate(stream)).isEmpty();
        SGStream again = SGStreams.fromYaml(SGStreams.toYaml(stream));
        assertThat(again.getSpec()).isEqualTo(stream.getSpec());
        assertThat(again.getMetadata().getName()).isEqualTo(stream.getMetadata().getName());
    }

    @Test
    void sgclusterToSgclusterIsAStackGresMigration() {
        SGStream stream = Examples.load("sgcluster-to-sgcluster.yaml");

        assertThat(stream.getSpec().getSource().sourceType()).contains(SourceType.SGCLUSTER);
        assertThat(stream.getSpec().getTarget().targetType()).contains(TargetType.SGCLUSTER);
        assertThat(stream.getSpec().getPods().getPersistentVolume().getSize()).isEqualTo("1Gi");
        assertThat(stream.getSpec().getSource().getSgCluster().getDebeziumProperties().getSnapshotMode())
                .isEqualTo("initial");
    }

    @Test
    void postgresToCloudEventUsesTlsAndIsoDurations() {
        SGStream stream = Examples.load("postgres-to-cloudevent.yaml");

        var postgres = stream.getSpec().getSource().getPostgres();
        assertThat(postgres.getSslMode()).isEqualTo("verify-full");
        assertThat(postgres.getSslRootCert().getKey()).isEqualTo("ca.crt");
        var http = stream.getSpec().getTarget().getCloudEvent().getHttp();
        assertThat(http.connectTimeoutDuration()).contains(java.time.Duration.ofSeconds(5));
        assertThat(http.readTimeoutDuration()).contains(java.time.Duration.ofSeconds(30));
        assertThat(DebeziumSettings.forStream(stream))
                .containsEntry("table.include.list", "public\\.orders,public\\.order_lines")
                .containsEntry("signal.enabled.channels", "sgstream-annotations,source");
    }

    @Test
    void sgclusterToPgLambdaCarriesAStackGresStyleInlineScript() {
        SGStream stream = Examples.load("sgcluster-to-pglambda.yaml");

        var lambda = stream.getSpec().getTarget().getPgLambda();
        assertThat(lambda.getScript()).contains("event.data").contains("response.writeHead(200)");
        assertThat(lambda.getKnative().getAnnotations()).containsEntry("autoscaling.knative.dev/min-scale", "1");
        assertThat(StreamNames.pgLambdaUrl(stream)).isEqualTo("http://audit-lambda.default");
    }

    @Test
    void postgresToSgclusterFiltersSchemasAndTablesWithCredentialsFromASecret() {
        SGStream stream = Examples.load("postgres-to-sgcluster.yaml");

        var postgres = stream.getSpec().getSource().getPostgres();
        assertThat(postgres.getPassword().getName()).isEqualTo("legacy-db-credentials");
        assertThat(DebeziumFilters.forSource(postgres))
                .containsEntry("schema.include.list", "warehouse")
                .containsEntry("table.include.list", "public\\.products,public\\.stock_levels");
    }

    @Test
    void localDemoAsksForEmbeddedDatabases() {
        SGStream stream = Examples.load("local-demo.yaml");

        assertThat(stream.getSpec().getSource().getPostgres().embedded()).isTrue();
        assertThat(stream.getSpec().getSource().getPostgres().getUsername()).isNull();
        assertThat(stream.getSpec().getTarget().getSgCluster().getName()).isEqualTo("demo-target");
    }
}
