package io.sgstream.api.secret;

import io.sgstream.api.spec.SecretKeySelector;

/**
 * Reads the value a {@link SecretKeySelector} points at. In Kubernetes an implementation reads the Secret from the
 * stream's namespace; on one machine {@link EnvSecretResolver} reads environment variables or files.
 * Implementations must never log or put the value in an exception message.
 */
@FunctionalInterface
public interface SecretResolver {

    /**
     * The value of {@code selector}'s key in {@code selector}'s Secret.
     *
     * @throws SecretNotFoundException when the Secret or the key does not exist
     */
    SecretValue resolve(SecretKeySelector selector);
}
