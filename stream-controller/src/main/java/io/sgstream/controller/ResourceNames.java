package io.sgstream.controller;

import io.sgstream.api.SGStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of the objects made for a stream: {@code <stream>-capture}, {@code -apply}, {@code -pglambda},
 * {@code -signals}. Service names are DNS labels (at most 63 characters) and Knative appends {@code -00001} to a
 * Service's name for its revisions, so a name longer than {@value #MAX_LENGTH} keeps its suffix and replaces the
 * end of the stream name with 6 hex digits of its SHA-256: still unique, still the same on every run.
 */
public final class ResourceNames {

    static final int MAX_LENGTH = 50;

    public static final String CAPTURE = "capture";
    public static final String APPLY = "apply";
    public static final String PGLAMBDA = "pglambda";
    public static final String SIGNALS = "signals";

    private ResourceNames() {
    }

    public static String capture(SGStream stream) {
        return of(stream.getMetadata().getName(), CAPTURE);
    }

    public static String apply(SGStream stream) {
        return of(stream.getMetadata().getName(), APPLY);
    }

    public static String pglambda(SGStream stream) {
        return of(stream.getMetadata().getName(), PGLAMBDA);
    }

    public static String signals(SGStream stream) {
        return of(stream.getMetadata().getName(), SIGNALS);
    }

    static String of(String stream, String component) {
        String full = stream + "-" + component;
        if (full.length() <= MAX_LENGTH) {
            return full;
        }
        String hash = sha256Hex(stream).substring(0, 6);
        int keep = MAX_LENGTH - component.length() - hash.length() - 2;
        String head = stream.substring(0, keep).replaceAll("-+$", "");
        return head + "-" + hash + "-" + component;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
