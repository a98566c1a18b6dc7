package io.sgstream.controller;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The bookkeeping annotations on every object the controller writes: the hash of what it wrote (an object is only
 * written again when what the stream asks for changes, so defaults filled in by the API server and webhooks, such
 * as the SinkBinding's K_SINK, never cause a rewrite) and which labels and annotations it set (so that one removed
 * from the stream is removed from the object while those others added stay).
 */
final class ManagedMetadata {

    static final String CONFIG_HASH = "sgstream.io/config-hash";
    static final String MANAGED_KEYS = "sgstream.io/managed-metadata";

    private ManagedMetadata() {
    }

    /** Adds the bookkeeping annotations to {@code meta}, whose content hashes to {@code hash}. */
    static void stamp(ObjectMeta meta, String hash) {
        String keys = "labels=" + join(meta.getLabels()) + ";annotations=" + join(meta.getAnnotations());
        Map<String, String> annotations = new LinkedHashMap<>(nonNull(meta.getAnnotations()));
        annotations.put(CONFIG_HASH, hash);
        annotations.put(MANAGED_KEYS, keys);
        meta.setAnnotations(annotations);
    }

    static String hashOf(ObjectMeta meta) {
        return nonNull(meta.getAnnotations()).get(CONFIG_HASH);
    }

    /**
     * {@code desired}'s labels and annotations on top of {@code existing}'s, without those the controller set
     * before and no longer sets.
     */
    static void mergeInto(ObjectMeta desired, ObjectMeta existing) {
        desired.setLabels(merge(existing.getLabels(), managed(existing, "labels"), desired.getLabels()));
        desired.setAnnotations(merge(existing.getAnnotations(), managed(existing, "annotations"),
                desired.getAnnotations()));
        desired.setResourceVersion(existing.getResourceVersion());
    }

    static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Map<String, String> merge(Map<String, String> existing, Set<String> previouslyManaged,
            Map<String, String> desired) {
        Map<String, String> result = new LinkedHashMap<>(nonNull(existing));
        result.keySet().removeAll(previouslyManaged);
        result.putAll(nonNull(desired));
        return result;
    }

    private static Set<String> managed(ObjectMeta existing, String section) {
        String record = nonNull(existing.getAnnotations()).getOrDefault(MANAGED_KEYS, "");
        for (String part : record.split(";")) {
            if (part.startsWith(section + "=")) {
                return Arrays.stream(part.substring(section.length() + 1).split(","))
                        .filter(k -> !k.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
            }
        }
        return Set.of();
    }

    private static String join(Map<String, String> map) {
        return String.join(",", new TreeSet<>(nonNull(map).keySet()));
    }

    private static Map<String, String> nonNull(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
