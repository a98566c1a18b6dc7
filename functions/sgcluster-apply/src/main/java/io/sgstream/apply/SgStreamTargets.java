package io.sgstream.apply;

import io.sgstream.api.PostgresConnection;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreamSpec;
import io.sgstream.api.secret.SecretResolver;
import io.sgstream.api.spec.JdbcSinkDebeziumProperties;
import io.sgstream.api.spec.StreamTarget;
import io.sgstream.api.spec.TargetSGCluster;
import io.sgstream.apply.schema.SchemaEvolutionMode;

import java.util.Optional;

/**
 * {@link ApplyConfig} from an SGStream with an SGCluster target, as StackGres reads {@code spec.target.sgCluster}:
 * the connection (cluster service, database, Secret credentials: {@link PostgresConnection#forTarget}), and of
 * {@code debeziumProperties} what this apply honours: {@code connectionUrlParameters} (appended to the JDBC URL),
 * {@code connectionPoolMax_size} (pool size), {@code schemaEvolution} ({@code none}, {@code basic}), {@code
 * batchSize} (rows per statement). Debezium sink options that choose semantics (insert mode, primary key mode,
 * delete/truncate enabled, reduction buffer) do not apply: this apply is always an exact replica.
 */
public final class SgStreamTargets {

    private SgStreamTargets() {
    }

    public static ApplyConfig config(SGStream stream, SecretResolver secrets) {
        TargetSGCluster target = Optional.ofNullable(stream.getSpec()).map(SGStreamSpec::getTarget)
                .map(StreamTarget::getSgCluster)
                .orElseThrow(() -> new IllegalArgumentException("spec.target.sgCluster is required"));
        PostgresConnection connection = PostgresConnection.forTarget(stream, secrets);
        JdbcSinkDebeziumProperties sink = Optional.ofNullable(target.getDebeziumProperties())
                .orElseGet(JdbcSinkDebeziumProperties::new);
        String url = connection.jdbcUrl() + Optional.ofNullable(sink.getConnectionUrlParameters())
                .filter(p -> !p.isBlank()).map(p -> (p.startsWith("?") ? "" : "?") + p).orElse("");
        ApplyConfig config = ApplyConfig.forTarget(url, connection.username(), connection.password().reveal());
        if (sink.getConnectionPoolMaxSize() != null) {
            // staging and applying need their connections; a smaller pool would only deadlock on itself
            config = config.withPoolSize(Math.max(sink.getConnectionPoolMaxSize(),
                    config.stagingThreads() + config.applyThreads() + 1));
        }
        if (sink.getSchemaEvolution() != null) {
            config = config.withSchemaEvolution(SchemaEvolutionMode.parse(sink.getSchemaEvolution()));
        }
        if (sink.getBatchSize() != null) {
            config = config.withBatchLimits(config.maxBatchTransactions(), config.maxBatchEvents(), sink.getBatchSize());
        }
        return config;
    }
}
