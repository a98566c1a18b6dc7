package io.sgstream.capture.kubernetes;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreams;
import io.sgstream.testing.PostgresServer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SGStream the Kubernetes-mode tests run: an external {@code Postgres} source (the test's embedded server)
 * whose credentials are in the Secret {@code pg-creds}, capturing {@code public.orders}, with a CloudEvent target
 * (its URL is replaced by {@code K_SINK} or the test's sink).
 */
public final class TestStreams {

    public static final String CREDENTIALS = "pg-creds";

    private TestStreams() {
    }

    public static SGStream stream(String namespace, String name, String host, int port, String database, String url) {
        return SGStreams.fromYaml("""
                apiVersion: stackgres.io/v1alpha1
                kind: SGStream
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  source:
                    type: Postgres
                    postgres:
                      host: %s
                      port: %d
                      database: %s
                      username: {name: %s, key: username}
                      password: {name: %s, key: password}
                      includes:
                        - public\\.orders
                  target:
                    type: CloudEvent
                    cloudEvent:
                      http:
                        url: %s
                  pods:
                    persistentVolume:
                      size: 1Gi
                """.formatted(name, namespace, host, port, database, CREDENTIALS, CREDENTIALS, url));
    }

    /** {@code pg-creds} with the embedded server's user and password. */
    public static Secret credentials(String namespace) {
        return secret(namespace, CREDENTIALS, Map.of("username", PostgresServer.USER, "password", PostgresServer.PASSWORD));
    }

    public static Secret secret(String namespace, String name, Map<String, String> values) {
        Map<String, String> data = new LinkedHashMap<>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withData(data).build();
    }
}
