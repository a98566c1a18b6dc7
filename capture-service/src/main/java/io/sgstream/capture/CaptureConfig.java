package io.sgstream.capture;

import io.sgstream.api.DebeziumSettings;
import io.sgstream.api.PostgresConnection;
import io.sgstream.api.PostgresTlsFiles;
import io.sgstream.api.SGStream;
import io.sgstream.api.StreamNames;
import io.sgstream.api.secret.SecretResolver;
import io.sgstream.api.spec.SourceType;
import io.sgstream.capture.offsets.OffsetStoreSettings;
import io.sgstream.event.EventParts;
import io.sgstream.event.StreamId;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one capture needs: the stream, its source database, slot and publication, Debezium properties from the
 * SGStream (filters, snapshot mode, user settings; see {@link io.sgstream.capture.engine.DebeziumConfig} for what
 * the capture always sets itself), where offsets live and a few limits. Plain Java: the local runner and tests build
 * one with {@link #builder}, the application with {@link #from(SGStream, SecretResolver)}.
 *
 * @param sourceField      the SGStream field that names the source, for error messages ({@code spec.source.postgres})
 * @param maxEventBytes    data bytes above which an event is split into parts
 * @param commitInterval   {@code offset.flush.interval.ms}: how often acknowledged positions are written
 * @param heartbeatInterval {@code heartbeat.interval.ms} unless the properties set it: lets the slot advance while
 *                         captured tables are idle, and closes an empty snapshot promptly
 * @param lagPollInterval  how often the slot's byte lag is read
 * @param slotInUseWait    how long start waits for a slot still held by a previous run (e.g. one just killed)
 * @param stopTimeout      how long a graceful stop waits for events in flight to be acknowledged
 */
public record CaptureConfig(StreamId stream, PostgresEndpoint source, String sourceField, String slotName,
                            String publicationName, Map<String, String> debeziumProperties,
                            OffsetStoreSettings offsets, int maxEventBytes, Duration commitInterval,
                            Duration heartbeatInterval, Duration lagPollInterval, Duration slotInUseWait,
                            Duration stopTimeout) {

    public CaptureConfig {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(slotName, "slotName");
        Objects.requireNonNull(publicationName, "publicationName");
        debeziumProperties = Map.copyOf(debeziumProperties == null ? Map.of() : debeziumProperties);
        sourceField = sourceField == null ? "spec.source.postgres" : sourceField;
        offsets = offsets == null ? OffsetStoreSettings.jdbc(source) : offsets;
        if (maxEventBytes < 1024) {
            throw new IllegalArgumentException("maxEventBytes must be at least 1024, was " + maxEventBytes);
        }
    }

    /** {@code <namespace>.<name>}: the Debezium engine name and topic prefix, as StackGres names them. */
    public String engineName() {
        return stream.namespace() + "." + stream.name();
    }

    public static Builder builder(StreamId stream, PostgresEndpoint source) {
        return new Builder(stream, source);
    }

    /**
     * The capture of an SGStream: source connection and credentials resolved through {@code secrets}, slot and
     * publication names, include/exclude filters and {@code debeziumProperties} as sgstream-api derives them.
     * TLS material of the source is written to private temporary files for the driver ({@link PostgresTlsFiles}).
     */
    public static CaptureConfig from(SGStream sgStream, SecretResolver secrets) {
        PostgresConnection connection = PostgresConnection.forSource(sgStream, secrets);
        boolean cluster = sgStream.getSpec().getSource().sourceType().orElse(SourceType.POSTGRES) == SourceType.SGCLUSTER;
        String field = cluster ? "spec.source.sgCluster" : "spec.source.postgres";
        PostgresEndpoint source = new PostgresEndpoint(connection.host(), connection.port(), connection.database(),
                connection.username(), connection.password().reveal(),
                PostgresTlsFiles.jdbcProperties(connection, field));
        Map<String, String> properties = new LinkedHashMap<>(DebeziumSettings.forStream(sgStream));
        StreamId stream = StreamNames.streamId(sgStream);
        return builder(stream, source)
                .sourceField(field)
                .slotName(StreamNames.slotName(sgStream))
                .publicationName(StreamNames.publicationName(sgStream))
                .debeziumProperties(properties)
                .build();
    }

    @Override
    public String toString() {
        return "CaptureConfig{stream=" + stream + ", source=" + source + ", slot=" + slotName + ", publication="
                + publicationName + ", offsets=" + offsets + ", maxEventBytes=" + maxEventBytes + "}";
    }

    public static final class Builder {
        private final StreamId stream;
        private final PostgresEndpoint source;
        private String sourceField;
        private String slotName;
        private String publicationName;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private OffsetStoreSettings offsets;
        private int maxEventBytes = EventParts.DEFAULT_MAX_DATA_BYTES;
        private Duration commitInterval = Duration.ofSeconds(1);
        private Duration heartbeatInterval = Duration.ofSeconds(10);
        private Duration lagPollInterval = Duration.ofSeconds(10);
        private Duration slotInUseWait = Duration.ofSeconds(30);
        private Duration stopTimeout = Duration.ofSeconds(10);

        private Builder(StreamId stream, PostgresEndpoint source) {
            this.stream = stream;
            this.source = source;
            String defaultName = StreamNames.defaultSlotName(stream.namespace(), stream.name());
            this.slotName = defaultName;
            this.publicationName = defaultName;
        }

        public Builder sourceField(String field) {
            this.sourceField = field;
            return this;
        }

        public Builder slotName(String name) {
            this.slotName = name;
            return this;
        }

        public Builder publicationName(String name) {
            this.publicationName = name;
            return this;
        }

        /** Debezium connector properties, e.g. {@code table.include.list}; see DebeziumConfig for fixed ones. */
        public Builder debeziumProperties(Map<String, String> props) {
            properties.putAll(props);
            return this;
        }

        public Builder debeziumProperty(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** {@code snapshot.mode}: {@code initial} (default), {@code no_data}, {@code always}... */
        public Builder snapshotMode(String mode) {
            return debeziumProperty("snapshot.mode", mode);
        }

        public Builder tableIncludeList(String regexList) {
            return debeziumProperty("table.include.list", regexList);
        }

        public Builder offsets(OffsetStoreSettings settings) {
            this.offsets = settings;
            return this;
        }

        public Builder maxEventBytes(int bytes) {
            this.maxEventBytes = bytes;
            return this;
        }

        public Builder commitInterval(Duration d) {
            this.commitInterval = d;
            return this;
        }

        public Builder heartbeatInterval(Duration d) {
            this.heartbeatInterval = d;
            return this;
        }

        public Builder lagPollInterval(Duration d) {
            this.lagPollInterval = d;
            return this;
        }

        public Builder slotInUseWait(Duration d) {
            this.slotInUseWait = d;
            return this;
        }

        public Builder stopTimeout(Duration d) {
            this.stopTimeout = d;
            return this;
        }

        public CaptureConfig build() {
            return new CaptureConfig(stream, source, sourceField, slotName, publicationName, properties, offsets,
                    maxEventBytes, commitInterval, heartbeatInterval, lagPollInterval, slotInUseWait, stopTimeout);
        }
    }
}
