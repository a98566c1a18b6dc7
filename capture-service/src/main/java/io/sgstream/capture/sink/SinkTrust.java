package io.sgstream.capture.sink;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The TLS trust of the sink: the JDK's CAs, plus CA bundles given as PEM (a Secret, Knative's {@code K_CA_CERTS}).
 * A PEM-only trust store (what an HTTP client's "trust these certificates" option gives) would drop the public CAs,
 * and a sink may well be a public endpoint.
 *
 * <p>When hostname verification is skipped the chain is still validated: the engine-less {@code checkServerTrusted}
 * checks the certificate path but not the endpoint identity. The class extends {@link X509ExtendedTrustManager} so
 * JSSE does not wrap it with an identity check of its own.
 */
final class SinkTrust extends X509ExtendedTrustManager {

    private final List<X509ExtendedTrustManager> delegates;
    private final boolean skipHostnameVerification;

    private SinkTrust(List<X509ExtendedTrustManager> delegates, boolean skipHostnameVerification) {
        this.delegates = delegates;
        this.skipHostnameVerification = skipHostnameVerification;
    }

    /** The sink's trust: the JDK's CAs plus the given PEM bundles. */
    static SinkTrust create(List<String> trustedPems, boolean skipHostnameVerification) {
        try {
            List<X509ExtendedTrustManager> delegates = new ArrayList<>();
            delegates.add(trustManager(null)); // the JDK's cacerts
            if (!trustedPems.isEmpty()) {
                delegates.add(trustManager(keyStore(trustedPems)));
            }
            return new SinkTrust(delegates, skipHostnameVerification);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS trust for the sink: " + e.getMessage(), e);
        }
    }

    private static KeyStore keyStore(List<String> pems) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int n = 0;
        for (String pem : pems) {
            Collection<? extends Certificate> certs = parsePem(pem);
            for (Certificate c : certs) {
                store.setCertificateEntry("sink-ca-" + n++, c);
            }
        }
        return store;
    }

    static Collection<? extends Certificate> parsePem(String pem) {
        try {
            Collection<? extends Certificate> certs = java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)));
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("no certificate in the CA bundle");
            }
            return certs;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("CA bundle is not PEM-encoded X.509 certificates: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509ExtendedTrustManager from " + factory.getAlgorithm());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        anyTrusts(tm -> {
            if (skipHostnameVerification) {
                tm.checkServerTrusted(chain, authType);
            } else {
                tm.checkServerTrusted(chain, authType, engine);
            }
        });
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        anyTrusts(tm -> {
            if (skipHostnameVerification) {
                tm.checkServerTrusted(chain, authType);
            } else {
                tm.checkServerTrusted(chain, authType, socket);
            }
        });
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        anyTrusts(tm -> tm.checkServerTrusted(chain, authType));
    }

    private interface Check {
        void run(X509ExtendedTrustManager tm) throws CertificateException;
    }

    /**
     * Trusted when one delegate trusts it. Otherwise the last delegate's reason is reported: with a configured CA it
     * is the telling one (e.g. a name mismatch), where the JDK CAs only say they know no path.
     */
    private void anyTrusts(Check check) throws CertificateException {
        CertificateException last = null;
        for (X509ExtendedTrustManager tm : delegates) {
            try {
                check.run(tm);
                return;
            } catch (CertificateException e) {
                last = e;
            }
        }
        throw last;
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegates.stream().flatMap(tm -> java.util.Arrays.stream(tm.getAcceptedIssuers()))
                .toArray(X509Certificate[]::new);
    }

    // The sink is a client only: client-side checks are never called, but the interface requires them.
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("the sink does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("the sink does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the sink does not accept client connections");
    }
}
