package io.sgstream.capture.kubernetes;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sgstream.api.secret.SecretNotFoundException;
import io.sgstream.api.secret.SecretResolver;
import io.sgstream.api.secret.SecretValue;
import io.sgstream.api.spec.SecretKeySelector;

import java.util.Base64;
import java.util.Objects;

/**
 * Reads the Secrets an SGStream names from the stream's namespace through the Kubernetes API ({@code data},
 * base64-decoded). Never logs or reports a value: errors name only the namespace, Secret and key.
 */
public final class KubernetesSecretResolver implements SecretResolver {

    private final KubernetesClient client;
    private final String namespace;

    public KubernetesSecretResolver(KubernetesClient client, String namespace) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    @Override
    public SecretValue resolve(SecretKeySelector selector) {
        if (selector == null || selector.getName() == null || selector.getKey() == null) {
            throw new SecretNotFoundException("a Secret selector needs both name and key, was " + selector);
        }
        Secret secret = client.secrets().inNamespace(namespace).withName(selector.getName()).get();
        if (secret == null) {
            throw new SecretNotFoundException("Secret " + namespace + "/" + selector.getName() + " does not exist"
                    + " (needed for its key '" + selector.getKey() + "')");
        }
        String encoded = secret.getData() == null ? null : secret.getData().get(selector.getKey());
        if (encoded != null) {
            try {
                return SecretValue.ofBytes(Base64.getMimeDecoder().decode(encoded));
            } catch (IllegalArgumentException e) {
                throw new SecretNotFoundException("key '" + selector.getKey() + "' of Secret " + namespace + "/"
                        + selector.getName() + " is not valid base64");
            }
        }
        // stringData is write-only on a real API server, but a mock or a raw object may still carry it
        String plain = secret.getStringData() == null ? null : secret.getStringData().get(selector.getKey());
        if (plain != null) {
            return SecretValue.of(plain);
        }
        throw new SecretNotFoundException("Secret " + namespace + "/" + selector.getName() + " has no key '"
                + selector.getKey() + "'");
    }
}
