package io.sgstream.capture.sink;

import io.sgstream.testing.TestCertificateAuthority;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A private CA ({@link TestCertificateAuthority}) and server TLS contexts signed by it: the same shape as a sink
 * with a custom CA kept in a Secret.
 */
final class TestCertificates {

    private final TestCertificateAuthority ca;
    final String caPem;

    private TestCertificates(TestCertificateAuthority ca) {
        this.ca = ca;
        this.caPem = ca.certificatePem();
    }

    static TestCertificates create() {
        return new TestCertificates(TestCertificateAuthority.create("sgstream test CA"));
    }

    /** A server TLS context whose certificate, signed by the CA, names exactly these subject alternative names. */
    SSLContext server(String name, String subjectAltNames) throws Exception {
        TestCertificateAuthority.ServerCertificate files = ca.issueServer(name, subjectAltNames);
        Certificate certificate;
        try (var in = Files.newInputStream(files.certificateFile())) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pemBody(files.keyFile())));
        char[] password = "changeit".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, password, new Certificate[] {certificate});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static byte[] pemBody(Path file) throws Exception {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
