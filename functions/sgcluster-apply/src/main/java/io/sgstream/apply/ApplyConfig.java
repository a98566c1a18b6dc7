package io.sgstream.apply;

import io.sgstream.apply.prepare.TargetPreparation;
import io.sgstream.apply.schema.SchemaEvolutionMode;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the SGCluster apply, the {@code spec.target.sgCluster} part of an SGStream as far as this function
 * needs it. Build it with {@link #forTarget} and the {@code with*} methods; the Quarkus application fills it from
 * MicroProfile Config, the local runner from its command line.
 *
 * @param jdbcUrl               the target database
 * @param poolSize              connections to the target (staging, applying and DDL share them)
 * @param stagingSchema         schema holding the staged events and the per-stream state, on the target
 * @param schemaEvolution       {@code basic}: create missing tables and columns from the event's types (Debezium
 *                              JDBC sink semantics, StackGres {@code skipDdlImport}); {@code none}: fail instead
 * @param applyEnabled          false stages events only (nothing is applied until an instance with true runs)
 * @param applyThreads          streams applied in parallel by this process (one stream is always serial)
 * @param stagingThreads        concurrent staging transactions (each commits many requests at once)
 * @param drainInterval         how often a background pass applies whatever is applicable (zero: never)
 * @param failedRetryInterval   a stream stopped by an error is retried this often (an operator may fix the target)
 * @param maxBatchTransactions  source transactions applied in one target transaction, at most
 * @param maxBatchEvents        events applied in one target transaction, at most (one larger source transaction
 *                              is still applied whole)
 * @param statementRows         rows per batched statement
 * @param stagingBatchEvents    events staged in one transaction, at most
 * @param stagingQueueCapacity  events waiting for staging before new ones are refused with "overloaded"
 * @param replicationRole       run the apply with {@code session_replication_role = replica} when permitted, as
 *                              PostgreSQL's own logical replication does: target triggers and foreign-key checks
 *                              do not fire again for changes the source already validated
 * @param preparation           what to do to the target before a stream's snapshot: DDL import, deferral of
 *                              indexes and constraints ({@code spec.target.sgCluster}); {@link TargetPreparation#NONE}
 *                              by default
 */
public record ApplyConfig(String jdbcUrl, String username, String password, int poolSize, String stagingSchema,
                          SchemaEvolutionMode schemaEvolution, boolean applyEnabled, int applyThreads,
                          int stagingThreads, Duration drainInterval, Duration failedRetryInterval,
                          int maxBatchTransactions, int maxBatchEvents, int statementRows, int stagingBatchEvents,
                          int stagingQueueCapacity, boolean replicationRole, TargetPreparation preparation) {

    /** The settings without target preparation (as before it existed). */
    public ApplyConfig(String jdbcUrl, String username, String password, int poolSize, String stagingSchema,
                       SchemaEvolutionMode schemaEvolution, boolean applyEnabled, int applyThreads,
                       int stagingThreads, Duration drainInterval, Duration failedRetryInterval,
                       int maxBatchTransactions, int maxBatchEvents, int statementRows, int stagingBatchEvents,
                       int stagingQueueCapacity, boolean replicationRole) {
        this(jdbcUrl, username, password, poolSize, stagingSchema, schemaEvolution, applyEnabled, applyThreads,
                stagingThreads, drainInterval, failedRetryInterval, maxBatchTransactions, maxBatchEvents,
                statementRows, stagingBatchEvents, stagingQueueCapacity, replicationRole, TargetPreparation.NONE);
    }

    public ApplyConfig {
        Objects.requireNonNull(preparation, "preparation");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(stagingSchema, "stagingSchema");
        Objects.requireNonNull(schemaEvolution, "schemaEvolution");
        Objects.requireNonNull(drainInterval, "drainInterval");
        Objects.requireNonNull(failedRetryInterval, "failedRetryInterval");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the target must be a jdbc:postgresql: URL, was " + jdbcUrl);
        }
        if (!stagingSchema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("staging schema must be a plain lowercase identifier, was " + stagingSchema);
        }
        positive("poolSize", poolSize);
        positive("applyThreads", applyThreads);
        positive("stagingThreads", stagingThreads);
        positive("maxBatchTransactions", maxBatchTransactions);
        positive("maxBatchEvents", maxBatchEvents);
        positive("statementRows", statementRows);
        positive("stagingBatchEvents", stagingBatchEvents);
        positive("stagingQueueCapacity", stagingQueueCapacity);
        if (poolSize < stagingThreads + applyThreads) {
            throw new IllegalArgumentException("poolSize " + poolSize + " must cover stagingThreads + applyThreads ("
                    + (stagingThreads + applyThreads) + ")");
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    /** Defaults that suit a target on the same network: small pool, batches of a few thousand rows. */
    public static ApplyConfig forTarget(String jdbcUrl, String username, String password) {
        return new ApplyConfig(jdbcUrl, username, password, 6, "sgstream", SchemaEvolutionMode.BASIC, true, 2, 2,
                Duration.ofSeconds(1), Duration.ofSeconds(30), 1000, 20_000, 2000, 2000, 20_000, true, TargetPreparation.NONE);
    }

    public ApplyConfig withPoolSize(int n) {
        return new ApplyConfig(jdbcUrl, username, password, n, stagingSchema, schemaEvolution, applyEnabled,
                applyThreads, stagingThreads, drainInterval, failedRetryInterval, maxBatchTransactions, maxBatchEvents,
                statementRows, stagingBatchEvents, stagingQueueCapacity, replicationRole, preparation);
    }

    public ApplyConfig withStagingSchema(String schema) {
        return new ApplyConfig(jdbcUrl, username, password, poolSize, schema, schemaEvolution, applyEnabled,
                applyThreads, stagingThreads, drainInterval, failedRetryInterval, maxBatchTransactions, maxBatchEvents,
                statementRows, stagingBatchEvents, stagingQueueCapacity, replicationRole, preparation);
    }

    public ApplyConfig withSchemaEvolution(SchemaEvolutionMode mode) {
        return new ApplyConfig(jdbcUrl, username, password, poolSize, stagingSchema, mode, applyEnabled,
                applyThreads, stagingThreads, drainInterval, failedRetryInterval, maxBatchTransactions, maxBatchEvents,
                statementRows, stagingBatchEvents, stagingQueueCapacity, replicationRole, preparation);
    }

    public ApplyConfig withApplyEnabled(boolean enabled) {
        return new ApplyConfig(jdbcUrl, username, password, poolSize, stagingSchema, schemaEvolution, enabled,
                applyThreads, stagingThreads, drainInterval, failedRetryInterval, maxBatchTransactions, maxBatchEvents,
                statementRows, stagingBatchEvents, stagingQueueCapacity, replicationRole, preparation);
    }

    public ApplyConfig withThreads(int apply, int staging) {
        return new ApplyConfig(jdbcUrl, username, password, Math.max(poolSize, apply + staging + 1), stagingSchema,
                schemaEvolution, applyEnabled, apply, staging, drainInterval, failedRetryInterval, maxBatchTransactions,
                maxBatchEvents, statementRows, stagingBatchEvents, stagingQueueCapacity, replicationRole, preparation);
    }

    public ApplyConfig withDrainInterval(Duration interval) {
        return new ApplyConfig(jdbcUrl, username, password, poolSize, stagingSchema, schemaEvolution, applyEnabled,
                applyThreads, stagingThreads, interval, failedRetryInterval, maxBatchTransactions, maxBatchEvents,
                statementRows, stagingBatchEvents, stagingQueueCapacity, replicationRole, preparation);
    }

    public ApplyConfig withFailedRetryInterval(Duration interval) {
        return new ApplyConfig(jdbcUrl, username, password, poolSize, stagingSchema, schemaEvolution, applyEnabled,
                applyThreads, stagingThreads, drainInterval, interval, maxBatchTransactions, maxBatchEvents,
                statementRows, stagingBatchEvents, stagingQueueCapacity, replicationRole, preparation);
    }

    public ApplyConfig withBatchLimits(int transactions, int events, int rowsPerStatement) {
        return new ApplyConfig(jdbcUrl, username, password, poolSize, stagingSchema, schemaEvolution, applyEnabled,
                applyThreads, stagingThreads, drainInterval, failedRetryInterval, transactions, events,
                rowsPerStatement, stagingBatchEvents, stagingQueueCapacity, replicationRole, preparation);
    }

    public ApplyConfig withStaging(int batchEvents, int queueCapacity) {
        return new ApplyConfig(jdbcUrl, username, password, poolSize, stagingSchema, schemaEvolution, applyEnabled,
                applyThreads, stagingThreads, drainInterval, failedRetryInterval, maxBatchTransactions, maxBatchEvents,
                statementRows, batchEvents, queueCapacity, replicationRole, preparation);
    }

    public ApplyConfig withPreparation(TargetPreparation p) {
        return new ApplyConfig(jdbcUrl, username, password, poolSize, stagingSchema, schemaEvolution, applyEnabled,
                applyThreads, stagingThreads, drainInterval, failedRetryInterval, maxBatchTransactions, maxBatchEvents,
                statementRows, stagingBatchEvents, stagingQueueCapacity, replicationRole, p);
    }

    public ApplyConfig withReplicationRole(boolean enabled) {
        return new ApplyConfig(jdbcUrl, username, password, poolSize, stagingSchema, schemaEvolution, applyEnabled,
                applyThreads, stagingThreads, drainInterval, failedRetryInterval, maxBatchTransactions, maxBatchEvents,
                statementRows, stagingBatchEvents, stagingQueueCapacity, enabled, preparation);
    }

    @Override
    public String toString() { // never print the password
        return "ApplyConfig[" + jdbcUrl + " as " + username + ", pool " + poolSize + ", schema " + stagingSchema
                + ", evolution " + schemaEvolution + (applyEnabled ? "" : ", staging only")
                + (preparation.needed() ? ", preparation " + preparation : "") + "]";
    }
}
