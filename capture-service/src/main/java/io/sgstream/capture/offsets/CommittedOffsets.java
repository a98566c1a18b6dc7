package io.sgstream.capture.offsets;

import io.debezium.embedded.EmbeddedWorkerConfig;
import io.debezium.embedded.KafkaConnectUtil;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the offset a stream last committed, the way the engine will read it (same store, same JSON converters),
 * before the engine starts: the capture takes its epoch and txseq from it.
 */
public final class CommittedOffsets {

    private CommittedOffsets() {
    }

    /**
     * The committed offset of {@code partition} (for PostgreSQL {@code {"server": <topic prefix>}}) written by the
     * engine named {@code engineName}, or empty when the stream never committed.
     */
    public static Optional<Map<String, Object>> read(OffsetStoreSettings settings, String stream, String engineName,
                                                     Map<String, ?> partition) {
        OffsetBackingStore store = open(settings, stream);
        try {
            JsonConverter keys = converter(true);
            JsonConverter values = converter(false);
            OffsetStorageReaderImpl reader = new OffsetStorageReaderImpl(store, engineName, keys, values);
            Map<String, Object> offset = reader.offset(partition);
            return Optional.ofNullable(offset).filter(o -> !o.isEmpty());
        } finally {
            store.stop();
        }
    }

    private static OffsetBackingStore open(OffsetStoreSettings settings, String stream) {
        OffsetBackingStore store;
        if (settings.kind() == OffsetStoreSettings.Kind.JDBC) {
            store = new JdbcOffsetBackingStore(settings, stream);
        } else {
            store = KafkaConnectUtil.fileOffsetBackingStore();
            store.configure(new EmbeddedWorkerConfig(new HashMap<>(settings.engineProperties(stream))));
        }
        store.start();
        return store;
    }

    private static JsonConverter converter(boolean isKey) {
        JsonConverter c = new JsonConverter();
        // as the engine configures its offset converters
        c.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), isKey);
        return c;
    }
}
