package io.sgstream.testing;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A private certificate authority for TLS tests, made with the JDK's {@code keytool} (always there, unlike openssl,
 * and no extra dependency): a CA certificate in PEM, as a Secret would hold it, and server certificates signed by
 * it, written as PEM files a server such as PostgreSQL reads ({@code ssl_cert_file}, {@code ssl_key_file}).
 */
public final class TestCertificateAuthority {

    private static final String PASSWORD = "changeit";
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final Path dir;
    private final String certificatePem;

    private TestCertificateAuthority(Path dir, String certificatePem) {
        this.dir = dir;
        this.certificatePem = certificatePem;
    }

    /** A new CA (EC P-256, valid two days) in a fresh temporary directory. */
    public static TestCertificateAuthority create(String commonName) {
        try {
            Path dir = Files.createTempDirectory("sgstream-ca-");
            keytool(dir, "-genkeypair", "-keystore", "ca.p12", "-alias", "ca", "-dname", "CN=" + commonName,
                    "-ext", "bc:c", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2");
            keytool(dir, "-exportcert", "-rfc", "-keystore", "ca.p12", "-alias", "ca", "-file", "ca.pem");
            return new TestCertificateAuthority(dir, Files.readString(dir.resolve("ca.pem"), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a test CA", e);
        }
    }

    /** The CA certificate, PEM. */
    public String certificatePem() {
        return certificatePem;
    }

    /** The CA certificate as a PEM file, e.g. for PostgreSQL's {@code ssl_ca_file} to verify client certificates. */
    public Path certificateFile() {
        return dir.resolve("ca.pem");
    }

    /**
     * A server certificate signed by this CA naming exactly {@code subjectAltNames} (keytool syntax, e.g.
     * {@code DNS:localhost,IP:127.0.0.1}), and its unencrypted PKCS#8 key, readable only by the owner as PostgreSQL
     * requires.
     */
    public ServerCertificate issueServer(String name, String subjectAltNames) {
        try {
            String store = name + ".p12";
            keytool(dir, "-genkeypair", "-keystore", store, "-alias", "server", "-dname", "CN=" + name,
                    "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2");
            keytool(dir, "-certreq", "-keystore", store, "-alias", "server", "-file", name + ".csr");
            keytool(dir, "-gencert", "-rfc", "-keystore", "ca.p12", "-alias", "ca", "-infile", name + ".csr",
                    "-outfile", name + ".crt", "-ext", "SAN=" + subjectAltNames, "-validity", "2");
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(dir.resolve(store))) {
                ks.load(in, PASSWORD.toCharArray());
            }
            Key key = ks.getKey("server", PASSWORD.toCharArray());
            Path keyFile = Files.createFile(dir.resolve(name + ".key"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
            return new ServerCertificate(dir.resolve(name + ".crt"), keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot issue a test server certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test server key", e);
        }
    }

    /**
     * A server TLS context (e.g. for an {@code HttpsServer}) whose certificate, signed by this CA, names exactly
     * {@code subjectAltNames}: the shape of an https endpoint with a private CA.
     */
    public SSLContext serverContext(String name, String subjectAltNames) {
        ServerCertificate files = issueServer(name, subjectAltNames);
        try (InputStream in = Files.newInputStream(files.certificateFile())) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            byte[] der = Base64.getMimeDecoder().decode(
                    Files.readString(files.keyFile(), StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", ""));
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", key, PASSWORD.toCharArray(), new Certificate[] {certificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the test server certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the test server TLS context", e);
        }
    }

    /**
     * A client certificate signed by this CA with subject {@code CN=<commonName>} (PostgreSQL's {@code cert}
     * authentication takes the CN as the user name) and extended key usage clientAuth, with its private key as a
     * Secret would hold them: PEM, the key unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}).
     */
    public ClientCertificate issueClient(String commonName) {
        try {
            // several certificates may name the same user: each gets files of its own
            String base = "client-" + commonName.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + CLIENTS.incrementAndGet();
            String store = base + ".p12";
            keytool(dir, "-genkeypair", "-keystore", store, "-alias", "client", "-dname", "CN=" + commonName,
                    "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2");
            keytool(dir, "-certreq", "-keystore", store, "-alias", "client", "-file", base + ".csr");
            keytool(dir, "-gencert", "-rfc", "-keystore", "ca.p12", "-alias", "ca", "-infile", base + ".csr",
                    "-outfile", base + ".crt", "-ext", "EKU=clientAuth", "-validity", "2");
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(dir.resolve(store))) {
                ks.load(in, PASSWORD.toCharArray());
            }
            Key key = ks.getKey("client", PASSWORD.toCharArray());
            return new ClientCertificate(Files.readString(dir.resolve(base + ".crt"), StandardCharsets.US_ASCII),
                    pem("PRIVATE KEY", key.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot issue a test client certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test client key", e);
        }
    }

    /** A client certificate and its unencrypted PKCS#8 private key, both PEM. */
    public record ClientCertificate(String certificatePem, String keyPem) {
    }

    /** PEM files of a server certificate and its private key. */
    public record ServerCertificate(Path certificateFile, Path keyFile) {
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void keytool(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // a short-lived tool: skip the optimizing compiler, which only costs start-up time on a busy machine
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
