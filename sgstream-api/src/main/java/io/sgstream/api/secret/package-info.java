/**
 * Reading the values that Secret key selectors point at, without ever printing them: {@link
 * io.sgstream.api.secret.SecretResolver} (implemented over Kubernetes Secrets by the modules that talk to
 * Kubernetes), {@link io.sgstream.api.secret.EnvSecretResolver} for one machine, and
 * {@link io.sgstream.api.secret.SecretValue}, whose {@code toString()} is always {@code <redacted>}.
 */
package io.sgstream.api.secret;
