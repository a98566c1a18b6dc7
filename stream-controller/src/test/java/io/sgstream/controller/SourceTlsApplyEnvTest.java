package io.sgstream.controller;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.sgstream.api.SGStreams;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The apply's DDL import reaches a TLS source as the capture does: sslmode in the URL, the PEM from the Secrets. */
class SourceTlsApplyEnvTest {

    @Test
    void theSourcesCertificatesAndKeyAreHandedOverAsSecretReferences() {
        var stream = SGStreams.fromYaml("""
                apiVersion: stackgres.io/v1alpha1
                kind: SGStream
                metadata:
                  name: tls-source
                  namespace: shop
                spec:
                  source:
                    type: Postgres
                    postgres:
                      host: db.example.com
                      username: {name: db-creds, key: username}
                      password: {name: db-creds, key: password}
                      sslMode: verify-full
                      sslRootCert: {name: db-tls, key: ca.crt}
                      sslCert: {name: db-tls, key: tls.crt}
                      sslKey: {name: db-tls, key: tls.key}
                  target:
                    type: SGCluster
                    sgCluster:
                      name: shop-pg17
                """);

        io.fabric8.knative.serving.v1.Service apply = TargetResources.apply(stream, TestCluster.SETTINGS).stream()
                .filter(r -> r instanceof io.fabric8.knative.serving.v1.Service)
                .map(r -> (io.fabric8.knative.serving.v1.Service) r).findFirst().orElseThrow();
        List<EnvVar> env = apply.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();

        assertThat(env).contains(
                new EnvVar("SGSTREAM_APPLY_PREPARE_SOURCE_JDBC_URL",
                        "jdbc:postgresql://db.example.com:5432/postgres?sslmode=verify-full", null),
                secretEnv("SGSTREAM_APPLY_PREPARE_SOURCE_SSL_ROOT_CERT", "db-tls", "ca.crt"),
                secretEnv("SGSTREAM_APPLY_PREPARE_SOURCE_SSL_CERT", "db-tls", "tls.crt"),
                secretEnv("SGSTREAM_APPLY_PREPARE_SOURCE_SSL_KEY", "db-tls", "tls.key"));
    }

    private static EnvVar secretEnv(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom()
                .withNewSecretKeyRef(key, secret, false).endValueFrom().build();
    }
}
