package io.sgstream.capture;

import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreams;
import io.sgstream.api.secret.SecretValue;
import io.sgstream.capture.engine.DebeziumConfig;
import io.sgstream.capture.offsets.OffsetStoreSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureConfigTest {

    private static final String YAML = """
            apiVersion: stackgres.io/v1alpha1
            kind: SGStream
            metadata:
              name: orders-events
              namespace: shop
            spec:
              source:
                type: Postgres
                postgres:
                  host: orders-db
                  database: shop
                  username: {name: orders-db, key: username}
                  password: {name: orders-db, key: password}
                  sslMode: verify-full
                  sslRootCert: {name: orders-ca, key: ca.crt}
                  includes: ['public\\.orders']
                  debeziumProperties:
                    snapshotMode: no_data
                    skippedOperations: [d]
                    pluginName: decoderbufs
              target:
                type: CloudEvent
                cloudEvent:
                  http:
                    url: http://broker
            """;

    @Test
    void anSGStreamBecomesACaptureWithItsSecretsResolvedAndTheContractSettingsFixed() throws Exception {
        SGStream stream = SGStreams.fromYaml(YAML);
        CaptureConfig config = CaptureConfig.from(stream, selector -> SecretValue.of(switch (selector.getKey()) {
            case "username" -> "cdc";
            case "password" -> "s3cr3t";
            default -> "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n";
        }));

        assertThat(config.stream().toString()).isEqualTo("shop/orders-events");
        assertThat(config.source()).isEqualTo(new PostgresEndpoint("orders-db", 5432, "shop", "cdc", "s3cr3t",
                config.source().jdbcProperties()));
        assertThat(config.source().jdbcProperties()).containsEntry("sslmode", "verify-full");
        assertThat(Files.readString(Path.of(config.source().jdbcProperties().get("sslrootcert")))).contains("BEGIN CERTIFICATE");
        assertThat(config.slotName()).isEqualTo("shop_orders_events");
        assertThat(config.publicationName()).isEqualTo("shop_orders_events");
        assertThat(config.engineName()).isEqualTo("shop.orders-events");
        assertThat(config.offsets()).isEqualTo(OffsetStoreSettings.jdbc(config.source()));
        assertThat(config.toString()).doesNotContain("s3cr3t");

        Properties p = DebeziumConfig.properties(config);
        assertThat(p).containsEntry("table.include.list", "public\\.orders")
                .containsEntry("snapshot.mode", "no_data")
                .containsEntry("skipped.operations", "d") // the user's choice stays
                .containsEntry("plugin.name", "pgoutput") // the contract's does not
                .containsEntry("provide.transaction.metadata", "true")
                .containsEntry("converters", "sgstream")
                .containsEntry("database.sslmode", "verify-full")
                .containsEntry("slot.name", "shop_orders_events")
                .containsEntry("offset.storage", "io.sgstream.capture.offsets.JdbcOffsetBackingStore")
                .doesNotContainKey("table.exclude.list"); // an include list already leaves our tables out
    }

    @Test
    void withoutAnIncludeListTheCapturesOwnTablesAreExcluded() {
        CaptureConfig config = CaptureConfig.builder(new io.sgstream.event.StreamId("ns", "s"),
                new PostgresEndpoint("h", 5432, "db", "u", "p")).debeziumProperty("table.exclude.list", "public\\.tmp").build();
        assertThat(DebeziumConfig.properties(config))
                .containsEntry("table.exclude.list", "public\\.tmp,sgstream\\.capture_signals,sgstream\\.capture_offsets");
    }
}
