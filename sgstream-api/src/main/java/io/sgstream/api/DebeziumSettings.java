package io.sgstream.api;

import io.sgstream.api.spec.DebeziumEngineProperties;
import io.sgstream.api.spec.SourceDebeziumProperties;
import io.sgstream.api.spec.SourceSection;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the Debezium engine and PostgreSQL connector need that the SGStream itself says, in one map:
 * engine and connector name, topic prefix, {@code spec.debeziumEngineProperties}, the source's
 * {@code debeziumProperties} with StackGres's defaults, slot and publication names, and include/exclude filters.
 * The connection ({@code database.hostname}, credentials, TLS files) is left to the caller, which resolves
 * Secrets: see {@link PostgresConnection}.
 */
public final class DebeziumSettings {

    public static final String POSTGRES_CONNECTOR_CLASS = "io.debezium.connector.postgresql.PostgresConnector";

    private DebeziumSettings() {
    }

    /**
     * The properties for {@code stream}. Engine properties come first and connector properties override them where
     * both set the same key (e.g. {@code errors.max.retries}), as in StackGres.
     *
     * @throws IllegalArgumentException when the source type is unknown or its section is missing (a valid stream
     *     never is)
     */
    public static SortedMap<String, String> forStream(SGStream stream) {
        SGStreamSpec spec = stream.getSpec();
        SourceSection source = Optional.ofNullable(spec).map(SGStreamSpec::getSource).flatMap(s -> s.activeSection())
                .orElseThrow(() -> new IllegalArgumentException(
                        "SGStream " + StreamNames.topicPrefix(stream) + " has no usable spec.source"));
        SortedMap<String, String> properties = new TreeMap<>();
        properties.put("name", StreamNames.topicPrefix(stream));
        properties.put("topic.prefix", StreamNames.topicPrefix(stream));
        properties.put("connector.class", POSTGRES_CONNECTOR_CLASS);
        properties.putAll(Optional.ofNullable(spec.getDebeziumEngineProperties())
                .orElseGet(DebeziumEngineProperties::new).toDebeziumProperties());
        properties.putAll(Optional.ofNullable(source.getDebeziumProperties())
                .orElseGet(SourceDebeziumProperties::new).toDebeziumProperties());
        properties.put("slot.name", StreamNames.slotName(stream));
        properties.put("publication.name", StreamNames.publicationName(stream));
        properties.putAll(DebeziumFilters.forSource(source));
        return Collections.unmodifiableSortedMap(properties);
    }
}
