package io.sgstream.apply.knative;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * MicroProfile Config of the Knative Service ({@code sgstream.apply.*}, each key overridable by its environment
 * variable, e.g. {@code SGSTREAM_APPLY_TARGET_JDBC_URL}). Meanings: {@link io.sgstream.apply.ApplyConfig}.
 */
@ConfigMapping(prefix = "sgstream.apply")
public interface ApplySettings {

    Target target();

    @WithDefault("6")
    int poolSize();

    @WithDefault("sgstream")
    String stagingSchema();

    @WithDefault("basic")
    String schemaEvolution();

    @WithDefault("2")
    int applyThreads();

    @WithDefault("2")
    int stagingThreads();

    @WithDefault("1S")
    Duration drainInterval();

    @WithDefault("30S")
    Duration failedRetryInterval();

    @WithDefault("1000")
    int maxBatchTransactions();

    @WithDefault("20000")
    int maxBatchEvents();

    @WithDefault("2000")
    int statementRows();

    @WithDefault("2000")
    int stagingBatchEvents();

    @WithDefault("20000")
    int stagingQueueCapacity();

    @WithDefault("true")
    boolean replicationRole();

    /** Target preparation ({@link io.sgstream.apply.prepare.TargetPreparation}); off unless configured. */
    Prepare prepare();

    interface Prepare {
        /** Not {@code skipDdlImport}; needs the source connection below. */
        @WithDefault("false")
        boolean importDdl();

        Optional<String> sourceJdbcUrl();

        Optional<String> sourceUsername();

        Optional<String> sourcePassword();

        /** PEM of the source's {@code sslRootCert}, {@code sslCert} and {@code sslKey} (from the capture's Secrets). */
        Optional<String> sourceSslRootCert();

        Optional<String> sourceSslCert();

        Optional<String> sourceSslKey();

        /** {@code spec.source.includes}, comma-separated (escape a comma inside a pattern as {@code \,}). */
        Optional<List<String>> includes();

        Optional<List<String>> excludes();

        /** {@code ddlImportRoleSkipFilter}; unset: superusers and replication roles are skipped. */
        Optional<String> roleSkipFilter();

        /** Not {@code skipDropIndexesAndConstraints}. */
        @WithDefault("false")
        boolean dropIndexesAndConstraints();

        /** Not {@code skipDropPrimaryKeys}. */
        @WithDefault("true")
        boolean dropPrimaryKeys();

        /** Not {@code skipRestoreIndexesAfterSnapshot}. */
        @WithDefault("true")
        boolean restoreAfterSnapshot();
    }

    interface Target {
        String jdbcUrl();

        Optional<String> username();

        /** Empty values count as unset in MicroProfile Config, hence optional. */
        Optional<String> password();
    }
}
