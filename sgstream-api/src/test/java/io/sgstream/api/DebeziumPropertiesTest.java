package io.sgstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.sgstream.api.spec.DebeziumEngineProperties;
import io.sgstream.api.spec.JdbcSinkDebeziumProperties;
import io.sgstream.api.spec.SourceDebeziumProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DebeziumPropertiesTest {

    private static SGStream withSource(String debeziumProperties) {
        return SGStreams.fromYaml(ValidationTest.stream("orders", """
                source:
                  type: SGCluster
                  sgCluster:
                    name: shop
                    includes: [public\\.orders, audit]
                    debeziumProperties:
                """ + debeziumProperties.indent(6) + """
                target:
                  type: SGCluster
                  sgCluster:
                    name: shop-copy
                    debeziumProperties:
                      connectionPoolMin_size: 2
                      useTimeZone: Europe/Madrid
                      insertMode: insert
                debeziumEngineProperties:
                  offsetFlushIntervalMs: 1000
                  errorsMaxRetries: 3
                  transforms:
                    router:
                      type: org.apache.kafka.connect.transforms.RegexRouter
                      regex: (.*)
                    unwrap:
                      type: io.debezium.transforms.ExtractNewRecordState
                  predicates:
                    isOrders:
                      type: org.apache.kafka.connect.transforms.predicates.TopicNameMatches
                """));
    }

    private static SourceDebeziumProperties source(String debeziumProperties) {
        return withSource(debeziumProperties).getSpec().getSource().getSgCluster().getDebeziumProperties();
    }

    @Test
    void unsetFieldsGiveStackGresDefaults() {
        assertThat(new SourceDebeziumProperties().toDebeziumProperties()).containsExactly(
                entry("column.propagate.source.type", ".*"),
                entry("database.query.timeout.ms", "0"),
                entry("datatype.propagate.source.type", ".*"),
                entry("include.unknown.datatypes", "true"),
                entry("plugin.name", "pgoutput"),
                entry("signal.enabled.channels", "sgstream-annotations"));
    }

    @Test
    void setFieldsReplaceDefaultsAndBecomeDottedNames() {
        Map<String, String> properties = source("""
                pluginName: decoderbufs
                includeUnknownDatatypes: false
                signalEnabledChannels: [source]
                snapshotFetchSize: 5000
                maxQueueSizeInBytes: 4294967296
                snapshotModeConfigurationBasedSnapshotOnSchemaError: true
                skippedOperations: [t, d]
                databaseInitialStatements: [SET a = 1, SET b = 2]
                """).toDebeziumProperties();

        assertThat(properties).contains(
                entry("plugin.name", "decoderbufs"),
                entry("include.unknown.datatypes", "false"),
                entry("signal.enabled.channels", "source"),
                entry("snapshot.fetch.size", "5000"),
                entry("max.queue.size.in.bytes", "4294967296"),
                entry("snapshot.mode.configuration.based.snapshot.on.schema.error", "true"),
                entry("skipped.operations", "t,d"),
                entry("database.initial.statements", "SET a = 1;SET b = 2"));
    }

    @Test
    void mapsTakeTheFormDebeziumExpectsForEach() {
        Map<String, String> properties = source("""
                slotStreamParams:
                  add-tables: public.a
                  include-lsn: "true"
                customMetricTags: {team: shop, env: prod}
                snapshotSelectStatementOverrides:
                  public.orders: SELECT * FROM public.orders WHERE id > 10
                  public.lines: SELECT * FROM public.lines LIMIT 5
                converters:
                  isbn:
                    type: com.example.IsbnConverter
                    schema.name: isbn
                columnMaskHash:
                  SHA-256:
                    salt1: [public.customers.name, public.customers.phone]
                columnMaskHashV2:
                  SHA-512:
                    salt2: [public.customers.email]
                """).toDebeziumProperties();

        assertThat(properties).contains(
                entry("slot.stream.params", "add-tables=public.a;include-lsn=true"),
                entry("custom.metric.tags", "team=shop,env=prod"),
                entry("snapshot.select.statement.overrides", "public.orders,public.lines"),
                entry("snapshot.select.statement.overrides.public.orders", "SELECT * FROM public.orders WHERE id > 10"),
                entry("snapshot.select.statement.overrides.public.lines", "SELECT * FROM public.lines LIMIT 5"),
                entry("converters", "isbn"),
                entry("isbn.type", "com.example.IsbnConverter"),
                entry("isbn.schema.name", "isbn"),
                entry("column.mask.hash.SHA-256.with.salt.salt1", "public.customers.name,public.customers.phone"),
                entry("column.mask.hash.v2.SHA-512.with.salt.salt2", "public.customers.email"));
        assertThat(properties).doesNotContainKeys("column.mask.hash", "slot.stream.params.add-tables");
    }

    @Test
    void sinkPropertiesKeepTheirUnderscoresAndStackGresDefaults() {
        JdbcSinkDebeziumProperties sink = withSource("pluginName: pgoutput").getSpec().getTarget().getSgCluster()
                .getDebeziumProperties();

        assertThat(sink.toDebeziumProperties()).containsExactly(
                entry("collection.name.format", "${original}"),
                entry("connection.pool.min_size", "2"),
                entry("delete.enabled", "true"),
                entry("insert.mode", "insert"),
                entry("primary.key.mode", "record_key"),
                entry("quote.identifiers", "true"),
                entry("schema.evolution", "basic"),
                entry("use.time.zone", "Europe/Madrid"));
    }

    @Test
    void engineTransformsKeepTheirOrder() {
        DebeziumEngineProperties engine = withSource("pluginName: pgoutput").getSpec().getDebeziumEngineProperties();

        assertThat(engine.toDebeziumProperties()).containsExactly(
                entry("errors.max.retries", "3"),
                entry("offset.flush.interval.ms", "1000"),
                entry("predicates", "isOrders"),
                entry("predicates.isOrders.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches"),
                entry("transforms", "router,unwrap"),
                entry("transforms.router.regex", "(.*)"),
                entry("transforms.router.type", "org.apache.kafka.connect.transforms.RegexRouter"),
                entry("transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState"));
    }

    @Test
    void aStreamGivesEverythingButTheConnection() {
        SGStream stream = withSource("errorsMaxRetries: 9\nslotName: custom_slot");
        stream.getMetadata().setNamespace("shop");

        Map<String, String> properties = DebeziumSettings.forStream(stream);

        assertThat(properties).contains(
                entry("name", "shop.orders"),
                entry("topic.prefix", "shop.orders"),
                entry("connector.class", "io.debezium.connector.postgresql.PostgresConnector"),
                entry("offset.flush.interval.ms", "1000"),
                entry("transforms", "router,unwrap"),
                entry("errors.max.retries", "9"), // the connector's setting wins over the engine's, as in StackGres
                entry("plugin.name", "pgoutput"),
                entry("slot.name", "custom_slot"),
                entry("publication.name", "custom_slot"),
                entry("schema.include.list", "audit"),
                entry("table.include.list", "public\\.orders"));
        assertThat(properties).doesNotContainKeys(
                "database.hostname", "database.port", "database.dbname", "database.user", "database.password");
    }
}
