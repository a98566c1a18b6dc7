package io.sgstream.bench.systems;

import io.sgstream.bench.data.BenchSchema;

import java.nio.file.Path;
import java.util.List;

/**
 * The StackGres design: Debezium embedded engine + Debezium JDBC sink 3.5.0 (upsert), in its own JVM with its own
 * class path (module benchmarks/debezium-jdbc; it cannot share ours: Debezium 3.5.0 vs 3.6.3).
 */
public final class DebeziumJdbcSystem implements ReplicationSystem {

    private final String classpath;
    private final List<String> jvmOptions;
    private final Path logs;

    public DebeziumJdbcSystem(String classpath, List<String> jvmOptions, Path logs) {
        this.classpath = classpath;
        this.jvmOptions = jvmOptions;
        this.logs = logs;
    }

    @Override
    public String name() {
        return "debezium-jdbc";
    }

    @Override
    public String description() {
        return "Debezium 3.5.0 embedded engine (pgoutput) → Debezium JDBC sink task (upsert, deletes), one JVM";
    }

    /**
     * The JDBC sink writes Debezium's unchanged-TOAST placeholder into the target (it has no TOAST handling), so
     * the documents table gets REPLICA IDENTITY FULL here: Debezium then fills unchanged values from the old row.
     * That costs the source extra WAL on every document update; ours and native run with the default identity.
     */
    @Override
    public void prepareSource(Server source, String database) throws Exception {
        source.execute(database, "ALTER TABLE bench_docs REPLICA IDENTITY FULL");
    }

    @Override
    public Running start(Server source, String sourceDb, Server target, String targetDb, String phase) throws Exception {
        return ChildJvm.start(classpath, jvmOptions, "io.sgstream.bench.debezium.DebeziumJdbcBaseline",
                List.of(source.url(sourceDb), target.url(targetDb), target.user(), target.password(), BenchSchema.INCLUDE_REGEX),
                logs.resolve("debezium-jdbc-" + phase + ".log"));
    }
}
