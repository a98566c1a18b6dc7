package io.sgstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sgstream.api.secret.EnvSecretResolver;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Credentials never show up in what gets printed or logged. */
class RedactionTest {

    private static final String STREAM = ValidationTest.stream("orders", """
            source:
              type: Postgres
              postgres:
                host: db.example.com
                username: {name: db-creds, key: username}
                password: {name: db-creds, key: password}
                sslMode: require
                sslKey: {name: db-tls, key: tls.key}
                sslCert: {name: db-tls, key: tls.crt}
            target:
              type: CloudEvent
              cloudEvent:
                http:
                  url: https://sink.example.com/events
                  headers:
                    Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.s3cr3t
            """);

    @Test
    void aStreamPrintsSelectorsAndHeaderNamesOnly() {
        SGStream stream = SGStreams.fromYaml(STREAM);

        String printed = stream.toString();

        assertThat(printed).contains("db-creds").contains("password").contains("Authorization")
                .doesNotContain("eyJhbGciOiJIUzI1NiJ9").doesNotContain("s3cr3t");
    }

    @Test
    void aResolvedConnectionPrintsNoSecret() {
        SGStream stream = SGStreams.fromYaml(STREAM);
        EnvSecretResolver secrets = new EnvSecretResolver(Map.of(
                "SGSTREAM_SECRET_DB_CREDS_USERNAME", "cdc",
                "SGSTREAM_SECRET_DB_CREDS_PASSWORD", "Sup3r-S3cret!",
                "SGSTREAM_SECRET_DB_TLS_TLS_CRT", "CERTIFICATE-BODY",
                "SGSTREAM_SECRET_DB_TLS_TLS_KEY", "PRIVATE-KEY-BODY"), null);

        PostgresConnection connection = PostgresConnection.forSource(stream, secrets);

        assertThat(connection.toString())
                .isEqualTo("PostgresConnection{host=db.example.com, port=5432, database=postgres, username=cdc,"
                        + " password=<redacted>, sslMode=require, sslCert=<redacted>, sslKey=<redacted>}");
    }

    @Test
    void aBadHeaderIsReportedWithoutItsValue() {
        InvalidSGStreamException e = catchThrowableOfType(InvalidSGStreamException.class, () -> SGStreams.fromYaml(
                STREAM.replace("Bearer eyJhbGciOiJIUzI1NiJ9.s3cr3t", "12345678901234")));

        assertThat(e.violations()).extracting(Violation::toString).containsExactly(
                "spec.target.cloudEvent.http.headers.Authorization: must be a string (was a number)");
        assertThat(e.getMessage()).doesNotContain("12345678901234");
    }
}
