package io.sgstream.capture.sink;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A private CA and server certificates signed by it, made with the JDK's keytool: the same shape as a sink with a
 * custom CA kept in a Secret.
 */
final class TestCertificates {

    private static final String PASSWORD = "changeit";

    private final Path dir;
    final String caPem;

    private TestCertificates(Path dir, String caPem) {
        this.dir = dir;
        this.caPem = caPem;
    }

    static TestCertificates create() throws Exception {
        Path dir = Files.createTempDirectory("sgstream-tls-");
        keytool(dir, "-genkeypair", "-keystore", "ca.p12", "-alias", "ca", "-dname", "CN=sgstream test CA",
                "-ext", "bc:c", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2");
        keytool(dir, "-exportcert", "-rfc", "-keystore", "ca.p12", "-alias", "ca", "-file", "ca.pem");
        return new TestCertificates(dir, Files.readString(dir.resolve("ca.pem"), StandardCharsets.US_ASCII));
    }

    /** A server TLS context whose certificate, signed by the CA, names exactly these subject alternative names. */
    SSLContext server(String name, String subjectAltNames) throws Exception {
        String store = name + ".p12";
        keytool(dir, "-genkeypair", "-keystore", store, "-alias", "server", "-dname", "CN=" + name,
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2");
        keytool(dir, "-certreq", "-keystore", store, "-alias", "server", "-file", name + ".csr");
        keytool(dir, "-gencert", "-rfc", "-keystore", "ca.p12", "-alias", "ca", "-infile", name + ".csr",
                "-outfile", name + ".pem", "-ext", "SAN=" + subjectAltNames, "-validity", "2");
        keytool(dir, "-importcert", "-noprompt", "-keystore", store, "-alias", "ca", "-file", "ca.pem");
        keytool(dir, "-importcert", "-noprompt", "-keystore", store, "-alias", "server", "-file", name + ".pem");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(store))) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
