package io.sgstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A {@link PostgresServer} with {@code ssl=on} and a certificate for {@code localhost} signed by a
 * {@link TestCertificateAuthority}, and the SGStream source block that reaches it with {@code sslMode: verify-full}:
 * the source side of the TLS tests of the capture and the apply.
 */
public final class TlsPostgres {

    /** The Secret the {@link #sgStreamSource} block names: {@code ca.crt}, {@code tls.crt}, {@code tls.key}. */
    public static final String SECRET = "source-tls";

    private TlsPostgres() {
    }

    /** TLS offered to every client; authentication as without TLS. */
    public static PostgresServer start(TestCertificateAuthority ca) {
        TestCertificateAuthority.ServerCertificate cert = serverCertificate(ca);
        return PostgresServer.startLogical(Map.of(
                "ssl", "on",
                "ssl_cert_file", cert.certificateFile().toString(),
                "ssl_key_file", cert.keyFile().toString()));
    }

    /**
     * Admits {@code user} only over TLS with a client certificate signed by {@code ca} whose CN is the user (no password
     * is accepted), and creates that login role; the superuser keeps password-less loopback access for the test's setup.
     */
    public static PostgresServer startRequiringClientCertificate(TestCertificateAuthority ca, String user, String roleOptions) {
        TestCertificateAuthority.ServerCertificate cert = serverCertificate(ca);
        Path hba;
        try {
            hba = Files.createTempFile("sgstream-hba-", ".conf");
            Files.writeString(hba, String.join("\n",
                    "local all all trust",
                    // the test's own setup connections as the superuser
                    "host all " + PostgresServer.USER + " 127.0.0.1/32 trust",
                    "host all " + PostgresServer.USER + " ::1/128 trust",
                    // the user under test: TLS and a client certificate naming it, nothing else
                    "hostssl all " + user + " 127.0.0.1/32 cert clientcert=verify-full",
                    "hostssl all " + user + " ::1/128 cert clientcert=verify-full",
                    ""), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PostgresServer postgres = PostgresServer.startLogical(Map.of(
                "ssl", "on",
                "ssl_cert_file", cert.certificateFile().toString(),
                "ssl_key_file", cert.keyFile().toString(),
                "ssl_ca_file", ca.certificateFile().toString(),
                "hba_file", hba.toString()));
        postgres.execute("postgres", ("CREATE ROLE " + user + " LOGIN " + roleOptions).strip());
        return postgres;
    }

    private static TestCertificateAuthority.ServerCertificate serverCertificate(TestCertificateAuthority ca) {
        return ca.issueServer("localhost", "DNS:localhost,IP:127.0.0.1");
    }

    /**
     * The {@code source:} block of an SGStream spec (indented for {@code spec:}, ending in a newline) for {@code db}
     * on {@code postgres}: {@code verify-full} with the CA from {@link #SECRET}, and its client certificate and key
     * when {@code clientCertificate}; username and password from the Secret {@code source}.
     */
    public static String sgStreamSource(PostgresServer postgres, String db, boolean clientCertificate) {
        return """
                  source:
                    type: Postgres
                    postgres:
                      host: localhost
                      port: %d
                      database: %s
                      username: {name: source, key: username}
                      password: {name: source, key: password}
                      sslMode: verify-full
                      sslRootCert: {name: %s, key: ca.crt}
                %s""".formatted(postgres.port(), db, SECRET, clientCertificate ? """
                      sslCert: {name: %s, key: tls.crt}
                      sslKey: {name: %s, key: tls.key}
                """.formatted(SECRET, SECRET) : "");
    }
}
