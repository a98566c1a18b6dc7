package io.sgstream.api;

import io.sgstream.api.spec.SourceDebeziumProperties;
import io.sgstream.api.spec.SourceSection;
import io.sgstream.api.spec.TargetPgLambda;
import io.sgstream.event.StreamId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Names a stream uses outside its own resource: replication slot, publication, Debezium topic prefix, CloudEvents
 * source and PgLambda URL. Derived the way StackGres derives them, so a stream moved from StackGres finds its slot.
 */
public final class StreamNames {

    /** The namespace of an SGStream whose {@code metadata.namespace} is unset (e.g. a local YAML file). */
    public static final String DEFAULT_NAMESPACE = "default";

    private static final int MAX_PG_NAME = SGStreamValidator.MAX_IDENTIFIER_LENGTH;

    private StreamNames() {
    }

    /** {@code metadata.namespace}, or {@value #DEFAULT_NAMESPACE} when unset. */
    public static String namespace(SGStream stream) {
        String namespace = stream.getMetadata() != null ? stream.getMetadata().getNamespace() : null;
        return namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
    }

    /** {@code metadata.name}. */
    public static String name(SGStream stream) {
        return stream.getMetadata() != null ? stream.getMetadata().getName() : null;
    }

    /** {@code <namespace>.<name>}: the Debezium engine name and topic prefix, as in StackGres. */
    public static String topicPrefix(SGStream stream) {
        return namespace(stream) + "." + name(stream);
    }

    /**
     * The replication slot: {@code debeziumProperties.slotName} of the source when set, otherwise
     * {@link #defaultSlotName(String, String)}.
     */
    public static String slotName(SGStream stream) {
        return sourceDebeziumProperties(stream).map(SourceDebeziumProperties::getSlotName)
                .orElseGet(() -> defaultSlotName(namespace(stream), name(stream)));
    }

    /**
     * The publication: {@code debeziumProperties.publicationName} when set, otherwise the slot name. (StackGres
     * always uses the slot name and silently ignores {@code publicationName}; honouring it is deliberate.)
     */
    public static String publicationName(SGStream stream) {
        return sourceDebeziumProperties(stream).map(SourceDebeziumProperties::getPublicationName)
                .orElseGet(() -> slotName(stream));
    }

    /**
     * {@code <namespace>_<name>} with every character outside {@code [a-zA-Z0-9_]} replaced by {@code _}, in lower
     * case (PostgreSQL slot names allow only lower-case letters, digits and {@code _}). A result longer than
     * PostgreSQL's 63-byte limit is cut to 54 characters plus {@code _} and 8 hex digits of its SHA-256, so that it
     * stays unique and the same on every run (StackGres would fail to create such a slot).
     */
    public static String defaultSlotName(String namespace, String name) {
        String full = (namespace + "_" + name).replaceAll("[^a-zA-Z0-9_]", "_").toLowerCase(Locale.ROOT);
        if (full.length() <= MAX_PG_NAME) {
            return full;
        }
        return full.substring(0, MAX_PG_NAME - 9) + "_" + sha256Hex(full).substring(0, 8);
    }

    /** The stream's identity in its events: {@link #namespace} and {@link #name}. */
    public static StreamId streamId(SGStream stream) {
        return new StreamId(namespace(stream), name(stream));
    }

    /**
     * The CloudEvents {@code source} of the stream's events: {@code /sgstream/<namespace>/<name>}.
     *
     * @deprecated the contract defines it: use {@code streamId(stream).source()}; kept for existing callers
     */
    @Deprecated
    public static URI cloudEventSource(SGStream stream) {
        return streamId(stream).source();
    }

    /**
     * Where a PgLambda target receives events: {@code pgLambda.knative.http.url} when set, otherwise the Knative
     * Service named after the stream, {@code http://<name>.<namespace>}.
     */
    public static String pgLambdaUrl(SGStream stream) {
        return Optional.ofNullable(stream.getSpec()).map(SGStreamSpec::getTarget)
                .map(t -> t.getPgLambda()).map(TargetPgLambda::getKnative).map(k -> k.getHttp())
                .map(h -> h.getUrl())
                .orElseGet(() -> "http://" + name(stream) + "." + namespace(stream));
    }

    private static Optional<SourceDebeziumProperties> sourceDebeziumProperties(SGStream stream) {
        return Optional.ofNullable(stream.getSpec()).map(SGStreamSpec::getSource)
                .flatMap(s -> s.activeSection()).map(SourceSection::getDebeziumProperties);
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
