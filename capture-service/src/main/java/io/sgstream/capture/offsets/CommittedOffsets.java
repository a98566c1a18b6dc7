package io.sgstream.capture.offsets;

import io.debezium.embedded.EmbeddedWorkerConfig;
import io.debezium.embedded.KafkaConnectUtil;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;
import org.apache.kafka.connect.storage.OffsetStorageWriter;

import io.sgstream.capture.engine.Epochs;
import io.sgstream.capture.engine.StreamPosition;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the offset a stream last committed, the way the engine will read it (same store, same JSON converters),
 * before the engine starts: the capture takes its epoch and txseq from it, and reserves its next epoch there.
 */
public final class CommittedOffsets {

    /** The offset namespace (a connector name, for Kafka Connect) of the reserved epochs. */
    static final String RESERVED_EPOCHS = "sgstream-reserved-epochs";

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
            return offset(store, engineName, partition);
        } finally {
            store.stop();
        }
    }

    /**
     * What a capture needs before its engine starts, with one opening of the store: the committed offset (empty
     * when the stream never committed) and the epoch reserved for this run.
     */
    public record AtStart(Map<String, Object> offset, String reservedEpoch) {
    }

    /**
     * Reads the committed offset as {@link #read} does and reserves the epoch a new snapshot of this run would take,
     * durably, before the engine starts: greater than the committed epoch and than every epoch reserved before,
     * committed or not. Without it a capture killed during its first snapshot (nothing committed yet) would take a
     * new epoch from the clock alone on restart, and one stepped back in between would make the new snapshot sort
     * before the one consumers already saw. Kept in the same store under a namespace of its own, which the engine
     * never reads.
     */
    public static AtStart readAndReserveEpoch(OffsetStoreSettings settings, String stream, String engineName,
                                              Map<String, ?> partition, Clock clock) {
        OffsetBackingStore store = open(settings, stream);
        try {
            Map<String, Object> offset = offset(store, engineName, partition).orElse(Map.of());
            String committedEpoch = StreamPosition.fromOffset(offset).map(StreamPosition::epoch).orElse(null);
            return new AtStart(offset, reserveEpoch(store, stream, engineName, committedEpoch, clock));
        } finally {
            store.stop();
        }
    }

    private static Optional<Map<String, Object>> offset(OffsetBackingStore store, String engineName, Map<String, ?> partition) {
        Map<String, Object> offset = new OffsetStorageReaderImpl(store, engineName, converter(true), converter(false))
                .offset(partition);
        return Optional.ofNullable(offset).filter(o -> !o.isEmpty());
    }

    private static String reserveEpoch(OffsetBackingStore store, String stream, String engineName, String committedEpoch,
                                       Clock clock) {
        JsonConverter keys = converter(true);
        JsonConverter values = converter(false);
        Map<String, String> partition = Map.of("stream", engineName);
        Map<String, Object> reserved = new OffsetStorageReaderImpl(store, RESERVED_EPOCHS, keys, values).offset(partition);
        String floor = committedEpoch;
        if (reserved != null && reserved.get("epoch") instanceof String before
                && (floor == null || before.compareTo(floor) > 0)) {
            floor = before;
        }
        String epoch = Epochs.next(floor, clock);
        OffsetStorageWriter writer = new OffsetStorageWriter(store, RESERVED_EPOCHS, keys, values);
        writer.offset(partition, Map.of("epoch", epoch));
        writer.beginFlush();
        try {
            writer.doFlush((error, ignored) -> { }).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reserving an epoch for stream " + stream, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot store the epoch reserved for stream " + stream + ": " + e.getMessage(), e);
        }
        return epoch;
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
