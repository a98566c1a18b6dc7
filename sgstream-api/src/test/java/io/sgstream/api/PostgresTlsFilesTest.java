package io.sgstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The client key forms Kubernetes TLS Secrets hold, turned into the PKCS#8 DER pgJDBC reads from a .pk8 file. */
class PostgresTlsFilesTest {

    private static final String FIELD = "spec.source.postgres.sslKey";

    @Test
    void pkcs8PemIsDecoded() throws Exception {
        PrivateKey key = rsaKey();
        byte[] converted = PostgresTlsFiles.pkcs8(pem("PRIVATE KEY", key.getEncoded()), FIELD);
        assertThat(converted).isEqualTo(key.getEncoded());
    }

    @Test
    void pkcs1RsaPemIsWrappedIntoPkcs8() throws Exception {
        PrivateKey key = rsaKey();
        // PKCS#8 of RSA: SEQUENCE { version, algorithm, OCTET STRING { PKCS#1 } }, the PKCS#1 ends the structure
        byte[] pkcs8 = key.getEncoded();
        byte[] pkcs1 = lastOctetString(pkcs8);

        byte[] converted = PostgresTlsFiles.pkcs8(pem("RSA PRIVATE KEY", pkcs1), FIELD);

        PrivateKey read = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(converted));
        assertThat(read).isEqualTo(key);
    }

    @Test
    void sec1EcPemIsWrappedIntoPkcs8WithItsCurve() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ECPrivateKey key = (ECPrivateKey) generator.generateKeyPair().getPrivate();
        byte[] d = unsigned(key.getS(), 32);
        byte[] secp256r1 = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
        // SEC1 as openssl writes it: SEQUENCE { 1, OCTET STRING d, [0] { curve OID } }, after an EC PARAMETERS block
        byte[] sec1 = concat(new byte[] {0x30, (byte) (3 + 2 + d.length + 2 + secp256r1.length), 0x02, 0x01, 0x01,
            0x04, (byte) d.length}, d, new byte[] {(byte) 0xa0, (byte) secp256r1.length}, secp256r1);
        byte[] pem = concat(pem("EC PARAMETERS", secp256r1), pem("EC PRIVATE KEY", sec1));

        byte[] converted = PostgresTlsFiles.pkcs8(pem, FIELD);

        ECPrivateKey read = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(converted));
        assertThat(read.getS()).isEqualTo(key.getS());
        assertThat(read.getParams().getCurve()).isEqualTo(key.getParams().getCurve());
    }

    @Test
    void derIsTakenAsIs() throws Exception {
        byte[] der = rsaKey().getEncoded();
        assertThat(PostgresTlsFiles.pkcs8(der, FIELD)).isEqualTo(der);
    }

    @Test
    void anEncryptedOrMissingKeyIsRefusedNamingTheField() {
        assertThatThrownBy(() -> PostgresTlsFiles.pkcs8(pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2}), FIELD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(FIELD).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> PostgresTlsFiles.pkcs8(pem("CERTIFICATE", new byte[] {1, 2}), FIELD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(FIELD)
                .hasMessageContaining("no private key");
    }

    private static PrivateKey rsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate();
    }

    /** The contents of the OCTET STRING that ends {@code der} (its long-form length read from the header). */
    private static byte[] lastOctetString(byte[] der) {
        for (int i = 0; i < der.length - 4; i++) {
            if (der[i] == 0x04 && der[i + 1] == (byte) 0x82) {
                int length = ((der[i + 2] & 0xff) << 8) | (der[i + 3] & 0xff);
                if (i + 4 + length == der.length) {
                    return Arrays.copyOfRange(der, i + 4, der.length);
                }
            }
        }
        throw new AssertionError("no trailing OCTET STRING");
    }

    private static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return out;
    }

    private static byte[] pem(String type, byte[] der) {
        return ("-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
