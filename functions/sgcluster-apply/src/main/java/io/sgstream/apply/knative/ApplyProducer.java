package io.sgstream.apply.knative;

import io.micrometer.core.instrument.MeterRegistry;
import io.sgstream.api.PostgresTlsFiles;
import io.sgstream.apply.ApplyConfig;
import io.sgstream.apply.ApplyHooks;
import io.sgstream.apply.SgClusterApply;
import io.sgstream.apply.prepare.TargetPreparation;
import io.sgstream.apply.schema.SchemaEvolutionMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The one {@link SgClusterApply} of the service, built from configuration, closed on shutdown. */
@ApplicationScoped
public class ApplyProducer {

    @Produces
    @Singleton
    SgClusterApply apply(ApplySettings s, MeterRegistry registry) {
        ApplyConfig config = new ApplyConfig(s.target().jdbcUrl(), s.target().username().orElse(null),
                s.target().password().orElse(null), s.poolSize(), s.stagingSchema(),
                SchemaEvolutionMode.parse(s.schemaEvolution()), true, s.applyThreads(), s.stagingThreads(),
                s.drainInterval(), s.failedRetryInterval(), s.maxBatchTransactions(), s.maxBatchEvents(),
                s.statementRows(), s.stagingBatchEvents(), s.stagingQueueCapacity(), s.replicationRole(),
                preparation(s.prepare()));
        return SgClusterApply.start(config, registry, ApplyHooks.NONE);
    }

    static TargetPreparation preparation(ApplySettings.Prepare p) {
        TargetPreparation.SourceDatabase source = null;
        if (p.importDdl()) {
            source = new TargetPreparation.SourceDatabase(p.sourceJdbcUrl().orElseThrow(() -> new IllegalArgumentException(
                    "sgstream.apply.prepare.source-jdbc-url is required when sgstream.apply.prepare.import-ddl is true")),
                    p.sourceUsername().orElse(null), p.sourcePassword().orElse(null),
                    // sslmode is in the URL; the certificates and key are written to files as the capture does
                    PostgresTlsFiles.jdbcProperties(null, bytes(p.sourceSslRootCert()), bytes(p.sourceSslCert()),
                            bytes(p.sourceSslKey()), "spec.source.postgres"));
        }
        return new TargetPreparation(source, p.includes().orElse(null), p.excludes().orElse(null), p.importDdl(),
                p.roleSkipFilter().orElse(null), p.dropIndexesAndConstraints(), p.dropPrimaryKeys(),
                p.restoreAfterSnapshot());
    }

    private static byte[] bytes(Optional<String> pem) {
        return pem.map(v -> v.getBytes(StandardCharsets.US_ASCII)).orElse(null);
    }

    void close(@Disposes SgClusterApply apply) {
        apply.close();
    }
}
