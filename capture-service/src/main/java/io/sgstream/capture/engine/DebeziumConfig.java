package io.sgstream.capture.engine;

import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.PostgresEndpoint;
import io.sgstream.capture.offsets.OffsetStoreSettings;
import io.sgstream.capture.values.PgTextConverter;
import io.sgstream.capture.values.UnchangedToast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The Debezium engine and PostgreSQL connector properties of a capture: defaults the SGStream may change, the
 * SGStream's own properties, then what the event contract depends on, which always wins.
 *
 * <table>
 * <caption>Fixed settings and why</caption>
 * <tr><td>{@code plugin.name=pgoutput}</td><td>built into PostgreSQL 10+; the community default is decoderbufs</td></tr>
 * <tr><td>{@code provide.transaction.metadata=true}</td><td>BEGIN/END records: txseq and commit points</td></tr>
 * <tr><td>{@code tombstones.on.delete=false}</td><td>a delete is one event; tombstones are a Kafka compaction device</td></tr>
 * <tr><td>{@code converters=…,sgstream}</td><td>{@link PgTextConverter}: every value as PostgreSQL text, exact</td></tr>
 * <tr><td>{@code include.unknown.datatypes=true}</td><td>otherwise columns of extension/composite types vanish</td></tr>
 * <tr><td>{@code decimal.handling.mode=string}, {@code interval.handling.mode=string},
 *     {@code binary.handling.mode=hex}, {@code time.precision.mode=adaptive_time_microseconds},
 *     {@code hstore.handling.mode=json}</td><td>the least lossy modes, for any column a user converter claims
 *     before ours</td></tr>
 * <tr><td>{@code unavailable.value.placeholder}</td><td>recognisable ({@value UnchangedToast#PLACEHOLDER}); our
 *     converter reports unchanged TOAST by identity anyway</td></tr>
 * <tr><td>{@code errors.max.retries=0}</td><td>a connector error stops the capture instead of restarting the task
 *     inside the engine: such a restart resumes from the committed offset behind the sequencer's back, and only a
 *     fresh capture renumbers from there (the application restarts it)</td></tr>
 * <tr><td>{@code offset.storage}, {@code offset.flush.interval.ms}</td><td>our durable store; flushing is cheap and
 *     only ever covers acknowledged transactions, so every second by default</td></tr>
 * </table>
 *
 * Defaults the SGStream may override: {@code publication.autocreate.mode=filtered} (a publication of the captured
 * tables only; {@code all_tables} needs a superuser), {@code skipped.operations=none} (truncate is captured),
 * {@code snapshot.mode=initial}, {@code heartbeat.interval.ms} (commit points while captured tables are idle),
 * {@code extended.headers.enabled=false} (Debezium's context headers on every record: the events never carry
 * record headers, and building them showed in profiles).
 * The capture's own tables (signal requests, offsets kept in the source) are excluded from capture. When partitioned
 * tables are captured, {@link io.sgstream.capture.partitions.PartitionedSnapshot} adds the snapshot's table list and
 * SELECTs at start, from the source's partition tree.
 */
public final class DebeziumConfig {

    public static final String CONNECTOR_CLASS = "io.debezium.connector.postgresql.PostgresConnector";

    private DebeziumConfig() {
    }

    public static Properties properties(CaptureConfig config) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("publication.autocreate.mode", "filtered");
        p.put("skipped.operations", "none");
        p.put("snapshot.mode", "initial");
        p.put("heartbeat.interval.ms", Long.toString(config.heartbeatInterval().toMillis()));
        p.put("extended.headers.enabled", "false");

        p.putAll(config.debeziumProperties());

        PostgresEndpoint source = config.source();
        p.put("name", config.engineName());
        p.put("topic.prefix", config.engineName());
        p.put("connector.class", CONNECTOR_CLASS);
        p.put("database.hostname", source.host());
        p.put("database.port", Integer.toString(source.port()));
        p.put("database.dbname", source.database());
        p.put("database.user", source.user());
        if (source.password() != null) {
            p.put("database.password", source.password());
        }
        source.jdbcProperties().forEach((k, v) -> p.put("database." + k, v));
        p.put("plugin.name", "pgoutput");
        p.put("slot.name", config.slotName());
        p.put("publication.name", config.publicationName());
        p.put("provide.transaction.metadata", "true");
        p.put("tombstones.on.delete", "false");
        p.put("include.unknown.datatypes", "true");
        p.put("decimal.handling.mode", "string");
        p.put("interval.handling.mode", "string");
        p.put("binary.handling.mode", "hex");
        p.put("time.precision.mode", "adaptive_time_microseconds");
        p.put("hstore.handling.mode", "json");
        p.put("unavailable.value.placeholder", UnchangedToast.PLACEHOLDER);
        p.put("errors.max.retries", "0");
        String userConverters = config.debeziumProperties().get("converters");
        p.put("converters", userConverters == null || userConverters.isBlank()
                ? PgTextConverter.NAME : userConverters + "," + PgTextConverter.NAME);
        p.put(PgTextConverter.NAME + ".type", PgTextConverter.class.getName());

        p.putAll(config.offsets().engineProperties(config.stream().toString()));
        p.put("offset.flush.interval.ms", Long.toString(config.commitInterval().toMillis()));
        p.putIfAbsent("offset.flush.timeout.ms", "10000");
        excludeOwnTables(config, p);
        String prefixes = p.get("message.prefix.include.list");
        if (prefixes != null && !prefixes.isBlank()) { // signals travel as messages: keep them
            p.put("message.prefix.include.list", prefixes + "," + SignalPlacer.PREFIX.replace(".", "\\."));
        }

        Properties properties = new Properties();
        properties.putAll(p);
        return properties;
    }

    /**
     * The capture's own tables must not be captured: the signal requests (always in the source) and the offsets
     * when they are kept there. Only needed without a table include list (Debezium allows include or exclude).
     */
    private static void excludeOwnTables(CaptureConfig config, Map<String, String> p) {
        if (p.containsKey("table.include.list")) {
            return;
        }
        List<String> own = new ArrayList<>();
        own.add(SignalPlacer.DEFAULT_TABLE.replace(".", "\\."));
        OffsetStoreSettings offsets = config.offsets();
        if (offsets.kind() == OffsetStoreSettings.Kind.JDBC && sameDatabase(offsets.database(), config.source())) {
            own.add(offsets.schemaName() + "\\." + offsets.tableName());
        }
        String excluded = p.get("table.exclude.list");
        p.put("table.exclude.list", (excluded == null || excluded.isBlank() ? "" : excluded + ",") + String.join(",", own));
    }

    static boolean sameDatabase(PostgresEndpoint a, PostgresEndpoint b) {
        return a.host().equalsIgnoreCase(b.host()) && a.port() == b.port() && a.database().equals(b.database());
    }
}
