package io.sgstream.api;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The SGStream CustomResourceDefinition, {@code knative/crds/sgstream.yaml}, as shipped in this jar: what a
 * reconciler installs and what tests validate examples against.
 */
public final class SGStreamCrd {

    /** Where the CRD manifest is on the class path. */
    public static final String RESOURCE = "/io/sgstream/api/sgstream.yaml";

    private SGStreamCrd() {
    }

    /** The CRD manifest as YAML text. */
    public static String yaml() {
        try (InputStream in = open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CRD as a fabric8 object. */
    public static CustomResourceDefinition load() {
        try (InputStream in = open()) {
            return new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open() {
        InputStream in = SGStreamCrd.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the class path: the jar was built without it");
        }
        return in;
    }
}
