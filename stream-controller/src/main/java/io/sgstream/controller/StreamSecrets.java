package io.sgstream.controller;

import io.sgstream.api.SGStream;
import io.sgstream.api.secret.SecretResolver;
import io.sgstream.api.spec.CloudEventHttp;
import io.sgstream.api.spec.SecretKeySelector;
import io.sgstream.api.spec.SourcePostgres;
import io.sgstream.api.spec.SourceSGCluster;
import io.sgstream.api.spec.SourceType;
import io.sgstream.api.spec.StreamSource;
import io.sgstream.api.spec.StreamTarget;
import io.sgstream.api.spec.TargetCloudEvent;
import io.sgstream.api.spec.TargetSGCluster;
import io.sgstream.api.spec.TargetType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The Secret keys a stream's components read. The capture service reads the source's, and those a CloudEvent
 * target's {@code headers} refer to as {@code ${secret:<name>/<key>}}, through the API (its Role names exactly these
 * Secrets); the apply function gets the target's as environment variables. An SGCluster without
 * explicit credentials uses its superuser, from the Secret named after the cluster, as StackGres does.
 */
final class StreamSecrets {

    private StreamSecrets() {
    }

    /** The keys the capture service reads: the source's, and a CloudEvent target's header references. */
    static List<SecretKeySelector> capture(SGStream stream) {
        List<SecretKeySelector> keys = new ArrayList<>(source(stream));
        keys.addAll(cloudEventHeaders(stream.getSpec().getTarget()));
        return keys;
    }

    /** The keys the capture service reads for the source. */
    static List<SecretKeySelector> source(SGStream stream) {
        StreamSource source = stream.getSpec().getSource();
        List<SecretKeySelector> keys = new ArrayList<>();
        keys.add(sourceUsername(stream));
        keys.add(sourcePassword(stream));
        if (source.sourceType().orElse(null) != SourceType.SGCLUSTER) {
            SourcePostgres postgres = source.getPostgres();
            keys.add(postgres.getSslRootCert());
            keys.add(postgres.getSslCert());
            keys.add(postgres.getSslKey());
        }
        return keys.stream().filter(Objects::nonNull).toList();
    }

    /**
     * The {@code ${secret:<name>/<key>}} references in a CloudEvent target's {@code headers}: the capture service
     * resolves them through the API when it builds its sink, so its Role must grant them and they must exist.
     */
    static List<SecretKeySelector> cloudEventHeaders(StreamTarget target) {
        if (target == null || target.targetType().orElse(null) != TargetType.CLOUD_EVENT) {
            return List.of();
        }
        Optional<CloudEventHttp> http = Optional.ofNullable(target.getCloudEvent()).map(TargetCloudEvent::getHttp);
        List<SecretKeySelector> keys = new ArrayList<>();
        http.map(CloudEventHttp::getHeaders).ifPresent(headers -> headers.values().forEach(value -> {
            Matcher m = SecretResolver.REFERENCE.matcher(value == null ? "" : value);
            while (m.find()) { // same parsing as SecretResolver.resolveReferences
                keys.add(SecretKeySelector.of(m.group(1).trim(), m.group(2).trim()));
            }
        }));
        return keys;
    }

    /** The source's user, as the capture reads it (the apply reads the source's DDL with it). */
    static SecretKeySelector sourceUsername(SGStream stream) {
        StreamSource source = stream.getSpec().getSource();
        return source.sourceType().orElse(null) == SourceType.SGCLUSTER
                ? username(source.getSgCluster().getName(), source.getSgCluster().getUsername())
                : source.getPostgres().getUsername();
    }

    static SecretKeySelector sourcePassword(SGStream stream) {
        StreamSource source = stream.getSpec().getSource();
        return source.sourceType().orElse(null) == SourceType.SGCLUSTER
                ? password(source.getSgCluster().getName(), source.getSgCluster().getPassword())
                : source.getPostgres().getPassword();
    }

    static SecretKeySelector targetUsername(TargetSGCluster target) {
        return username(target.getName(), target.getUsername());
    }

    static SecretKeySelector targetPassword(TargetSGCluster target) {
        return password(target.getName(), target.getPassword());
    }

    /** Names of the Secrets among {@code keys}, each once, in order. */
    static List<String> names(List<SecretKeySelector> keys) {
        return keys.stream().map(SecretKeySelector::getName).distinct().toList();
    }

    private static SecretKeySelector username(String cluster, SecretKeySelector given) {
        return Optional.ofNullable(given)
                .orElseGet(() -> SecretKeySelector.of(cluster, SourceSGCluster.SUPERUSER_USERNAME_KEY));
    }

    private static SecretKeySelector password(String cluster, SecretKeySelector given) {
        return Optional.ofNullable(given)
                .orElseGet(() -> SecretKeySelector.of(cluster, SourceSGCluster.SUPERUSER_PASSWORD_KEY));
    }
}
