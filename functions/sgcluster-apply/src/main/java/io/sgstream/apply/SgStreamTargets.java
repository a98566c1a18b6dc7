package io.sgstream.apply;

import io.sgstream.api.PostgresConnection;
import io.sgstream.api.PostgresTlsFiles;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreamSpec;
import io.sgstream.api.secret.SecretResolver;
import io.sgstream.api.spec.JdbcSinkDebeziumProperties;
import io.sgstream.api.spec.SourceSection;
import io.sgstream.api.spec.SourceType;
import io.sgstream.api.spec.StreamSource;
import io.sgstream.api.spec.StreamTarget;
import io.sgstream.api.spec.TargetSGCluster;
import io.sgstream.apply.prepare.TargetPreparation;
import io.sgstream.apply.schema.SchemaEvolutionMode;

import java.util.Objects;
import java.util.Optional;

/**
 * {@link ApplyConfig} from an SGStream with an SGCluster target, as StackGres reads {@code spec.target.sgCluster}:
 * the connection (cluster service, database, Secret credentials: {@link PostgresConnection#forTarget}), and of
 * {@code debeziumProperties} what this apply honours: {@code connectionUrlParameters} (appended to the JDBC URL),
 * {@code connectionPoolMax_size} (pool size), {@code schemaEvolution} ({@code none}, {@code basic}), {@code
 * batchSize} (rows per statement). Debezium sink options that choose semantics (insert mode, primary key mode,
 * delete/truncate enabled, reduction buffer) do not apply: this apply is always an exact replica.
 *
 * <p>Target preparation ({@link TargetPreparation}) follows {@code skipDdlImport}, {@code ddlImportRoleSkipFilter},
 * {@code skipDropIndexesAndConstraints}, {@code skipDropPrimaryKeys} and {@code skipRestoreIndexesAfterSnapshot}
 * with StackGres's defaults (import, defer, restore); the DDL is read from the source named by
 * {@code spec.source} (as the capture connects to it: {@link PostgresConnection#forSource}), restricted to its
 * {@code includes}/{@code excludes}.
 */
public final class SgStreamTargets {

    private SgStreamTargets() {
    }

    public static ApplyConfig config(SGStream stream, SecretResolver secrets) {
        return config(stream, secrets, null);
    }

    /**
     * @param source the source database to import the DDL from, when the caller knows it better than
     *               {@code spec.source} (the local runner's embedded source); null: from {@code spec.source}
     */
    public static ApplyConfig config(SGStream stream, SecretResolver secrets, TargetPreparation.SourceDatabase source) {
        return target(stream, secrets).withPreparation(preparation(stream, secrets, source));
    }

    /** The target preparation an SGStream asks for, its DDL read from {@code source} (the local runner's). */
    public static TargetPreparation preparation(SGStream stream, TargetPreparation.SourceDatabase source) {
        return preparation(stream, null, Objects.requireNonNull(source, "source"));
    }

    /** The target preparation an SGStream asks for (see the class comment). */
    public static TargetPreparation preparation(SGStream stream, SecretResolver secrets,
                                                TargetPreparation.SourceDatabase source) {
        TargetSGCluster target = Optional.ofNullable(stream.getSpec()).map(SGStreamSpec::getTarget)
                .map(StreamTarget::getSgCluster)
                .orElseThrow(() -> new IllegalArgumentException("spec.target.sgCluster is required"));
        Optional<SourceSection> section = Optional.ofNullable(stream.getSpec().getSource())
                .flatMap(StreamSource::activeSection);
        boolean importDdl = !Boolean.TRUE.equals(target.getSkipDdlImport());
        if (importDdl && source == null) {
            try {
                PostgresConnection connection = PostgresConnection.forSource(stream, secrets);
                // TLS as the capture connects: sslmode and the Secrets' certificates and key, written to files
                String field = stream.getSpec().getSource().sourceType().orElse(null) == SourceType.SGCLUSTER
                        ? "spec.source.sgCluster" : "spec.source.postgres";
                source = new TargetPreparation.SourceDatabase(connection.jdbcUrl(), connection.username(),
                        connection.password().reveal(), PostgresTlsFiles.jdbcProperties(connection, field));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("spec.target.sgCluster.skipDdlImport is false, so the DDL is "
                        + "imported from the source, but " + e.getMessage() + " (set skipDdlImport: true, or give "
                        + "the source connection)", e);
            }
        }
        boolean dropIndexes = !Boolean.TRUE.equals(target.getSkipDropIndexesAndConstraints());
        boolean dropKeys = !Boolean.TRUE.equals(target.getSkipDropPrimaryKeys());
        boolean restore = !Boolean.TRUE.equals(target.getSkipRestoreIndexesAfterSnapshot());
        return new TargetPreparation(importDdl ? source : null, section.map(SourceSection::getIncludes).orElse(null),
                section.map(SourceSection::getExcludes).orElse(null), importDdl, target.getDdlImportRoleSkipFilter(),
                dropIndexes, dropKeys, restore);
    }

    private static ApplyConfig target(SGStream stream, SecretResolver secrets) {
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
