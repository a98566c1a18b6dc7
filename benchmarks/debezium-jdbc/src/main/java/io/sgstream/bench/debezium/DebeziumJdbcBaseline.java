package io.sgstream.bench.debezium;

import io.debezium.connector.jdbc.JdbcSinkConnectorTask;
import io.debezium.embedded.async.ConvertingAsyncEngineBuilderFactory;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.embedded.Connect;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.apache.kafka.connect.source.SourceRecord;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The StackGres design as a baseline: the Debezium embedded engine (PostgreSQL connector, pgoutput) hands its
 * batches straight to the Debezium JDBC sink's task (upsert mode, deletes enabled), with no Kafka in between, in
 * this JVM. Started by the benchmark with {@code <sourceJdbcUrl> <targetJdbcUrl> <user> <password> <tableRegex>};
 * prints {@code READY}, runs until its standard input closes, then prints {@code DONE <events>} and exits. A
 * failure of the engine or the sink is printed as {@code FAILED <reason>} and exits 1, so the benchmark fails loudly.
 */
public final class DebeziumJdbcBaseline {

    private DebeziumJdbcBaseline() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: DebeziumJdbcBaseline <sourceJdbcUrl> <targetJdbcUrl> <user> <password> <tableIncludeRegex>");
            System.exit(2);
        }
        URI source = URI.create(args[0].substring("jdbc:".length()));
        AtomicLong events = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();

        JdbcSinkConnectorTask sink = new JdbcSinkConnectorTask();
        sink.initialize(new NoKafkaContext());
        Map<String, String> sinkConfig = new HashMap<>();
        sinkConfig.put("connection.url", args[1]);
        sinkConfig.put("connection.username", args[2]);
        sinkConfig.put("connection.password", args[3]);
        sinkConfig.put("insert.mode", "upsert");
        sinkConfig.put("delete.enabled", "true");
        sinkConfig.put("primary.key.mode", "record_key");
        sinkConfig.put("schema.evolution", "none"); // the benchmark creates the target schema for every system
        sinkConfig.put("collection.name.format", "${topic}");
        sink.start(sinkConfig);

        Properties props = new Properties();
        props.setProperty("name", "bench-debezium");
        props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        props.setProperty("topic.prefix", "bench");
        props.setProperty("database.hostname", source.getHost());
        props.setProperty("database.port", String.valueOf(source.getPort()));
        props.setProperty("database.dbname", source.getPath().substring(1));
        props.setProperty("database.user", args[2]);
        props.setProperty("database.password", args[3]);
        props.setProperty("plugin.name", "pgoutput");
        props.setProperty("slot.name", "bench_debezium");
        props.setProperty("publication.name", "bench_debezium");
        props.setProperty("publication.autocreate.mode", "filtered");
        props.setProperty("table.include.list", args[4]);
        props.setProperty("tombstones.on.delete", "false"); // the sink deletes on the delete event itself
        props.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        props.setProperty("offset.flush.interval.ms", "1000");
        props.setProperty("max.batch.size", "2048");
        props.setProperty("max.queue.size", "8192");

        DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> consumer = (records, committer) -> {
            List<SinkRecord> batch = new ArrayList<>(records.size());
            for (RecordChangeEvent<SourceRecord> r : records) {
                SourceRecord record = r.record();
                if (record.value() instanceof Struct value && value.schema().field("source") != null) {
                    // the topic names the target table: what a RegexRouter SMT would do in Kafka Connect
                    String table = value.getStruct("source").getString("table");
                    batch.add(new SinkRecord(table, 0, record.keySchema(), record.key(), record.valueSchema(), record.value(),
                            events.incrementAndGet(), record.timestamp(), TimestampType.CREATE_TIME));
                }
            }
            if (!batch.isEmpty()) {
                sink.put(batch);
            }
            for (RecordChangeEvent<SourceRecord> r : records) {
                committer.markProcessed(r);
            }
            committer.markBatchFinished();
        };
        ExecutorService executor = Executors.newSingleThreadExecutor();
        DebeziumEngine<RecordChangeEvent<SourceRecord>> engine = new ConvertingAsyncEngineBuilderFactory()
                .builder(ChangeEventFormat.of(Connect.class))
                .using(props)
                .using((success, message, error) -> {
                    if (!success || error != null) {
                        failure.compareAndSet(null, error != null ? error : new IllegalStateException(message));
                        System.out.println("FAILED " + message + (error == null ? "" : ": " + error));
                        System.out.flush();
                        Runtime.getRuntime().halt(1);
                    }
                })
                .notifying(consumer)
                .build();
        executor.execute(engine);
        System.out.println("READY");
        System.out.flush();
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
        engine.close();
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
        sink.stop();
        System.out.println("DONE " + events.get());
        System.out.flush();
        System.exit(failure.get() == null ? 0 : 1);
    }

    /** The sink task's view of Kafka when there is none: one partition, nothing to pause or rewind. */
    private static final class NoKafkaContext implements SinkTaskContext {
        @Override public Map<String, String> configs() { return Map.of(); }
        @Override public void offset(Map<TopicPartition, Long> offsets) { }
        @Override public void offset(TopicPartition tp, long offset) { }
        @Override public void timeout(long timeoutMs) { }
        @Override public Set<TopicPartition> assignment() { return Set.of(); }
        @Override public void pause(TopicPartition... partitions) { }
        @Override public void resume(TopicPartition... partitions) { }
        @Override public void requestCommit() { }
        @Override public ErrantRecordReporter errantRecordReporter() { return null; }
        @Override public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() { return null; }
    }
}
