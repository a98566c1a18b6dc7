package io.sgstream.api;

import io.sgstream.api.secret.SecretValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pgJDBC properties ({@code sslmode}, {@code sslrootcert}, {@code sslcert}, {@code sslkey}) of a connection's TLS
 * settings, its Secret material written to private temporary files, since pgJDBC reads certificates and keys from
 * files only.
 *
 * <p>The client key is always written as unencrypted PKCS#8 DER ({@code .pk8}). pgJDBC 42.7 treats a {@code .pem}
 * key as PKCS#8 of the algorithm {@code pemKeyAlgorithm} (RSA unless told), so an EC key in PEM fails there, and it
 * cannot read the PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1 ({@code BEGIN EC PRIVATE KEY}) keys that
 * Kubernetes TLS Secrets (e.g. cert-manager's default encoding) usually hold; for {@code .pk8} it takes the key
 * algorithm from the certificate. So the key is converted here: PKCS#8, PKCS#1 and SEC1 PEM, or DER as is.
 */
public final class PostgresTlsFiles {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00}; // SEQUENCE { rsaEncryption, NULL }
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PostgresTlsFiles() {
    }

    /**
     * The pgJDBC properties of {@code connection}'s TLS settings (empty when it has none).
     *
     * @param field the SGStream field of the connection, e.g. {@code spec.source.postgres}, for error messages
     * @throws IllegalArgumentException when the key is in no form pgJDBC can be given (the message names the field)
     */
    public static Map<String, String> jdbcProperties(PostgresConnection connection, String field) {
        return jdbcProperties(connection.sslMode().orElse(null),
                connection.sslRootCert().map(SecretValue::revealBytes).orElse(null),
                connection.sslCert().map(SecretValue::revealBytes).orElse(null),
                connection.sslKey().map(SecretValue::revealBytes).orElse(null), field);
    }

    /**
     * The same from the material itself (e.g. handed to a component in environment variables); null: not set.
     *
     * @param field the SGStream field the material comes from, for error messages
     */
    public static Map<String, String> jdbcProperties(String sslMode, byte[] rootCertPem, byte[] certPem, byte[] key,
                                                     String field) {
        Map<String, String> jdbc = new LinkedHashMap<>();
        if (sslMode != null) {
            jdbc.put("sslmode", sslMode);
        }
        if (rootCertPem != null) {
            jdbc.put("sslrootcert", write("root", ".pem", rootCertPem));
        }
        if (certPem != null) {
            jdbc.put("sslcert", write("cert", ".pem", certPem));
        }
        if (key != null) {
            jdbc.put("sslkey", write("key", ".pk8", pkcs8(key, field + ".sslKey")));
        }
        return jdbc;
    }

    /**
     * {@code key} as unencrypted PKCS#8 DER: PEM {@code PRIVATE KEY} decoded, PEM {@code RSA PRIVATE KEY} (PKCS#1) and
     * {@code EC PRIVATE KEY} (SEC1, with its curve) wrapped, anything without a PEM header taken as DER already.
     */
    static byte[] pkcs8(byte[] key, String field) {
        String text = new String(key, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN")) {
            return key;
        }
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + ": the PEM block " + type + " is not valid base64", e);
            }
            switch (type) {
                case "PRIVATE KEY":
                    return der;
                case "RSA PRIVATE KEY":
                    return sequence(integerZero(), RSA_ALGORITHM, tlv(0x04, der));
                case "EC PRIVATE KEY":
                    return sequence(integerZero(), sequence(EC_PUBLIC_KEY_OID, curveOf(der, field)), tlv(0x04, der));
                case "ENCRYPTED PRIVATE KEY":
                    throw new IllegalArgumentException(field + ": the key is encrypted; give it unencrypted "
                            + "(PEM BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
                default:
                    // e.g. EC PARAMETERS before the key, as openssl ecparam writes it
            }
        }
        throw new IllegalArgumentException(field + ": no private key found; expected PEM BEGIN PRIVATE KEY, "
                + "RSA PRIVATE KEY or EC PRIVATE KEY (or PKCS#8 DER)");
    }

    /** The named-curve OID of a SEC1 key ({@code parameters [0]}), which PKCS#8 keeps in the algorithm instead. */
    private static byte[] curveOf(byte[] sec1, String field) {
        int[] outer = header(sec1, 0, field);
        for (int i = outer[1]; i < outer[1] + outer[2]; ) {
            int[] element = header(sec1, i, field);
            int end = element[1] + element[2];
            if (element[0] == 0xa0) {
                int[] oid = header(sec1, element[1], field);
                if (oid[0] == 0x06) {
                    return Arrays.copyOfRange(sec1, element[1], oid[1] + oid[2]);
                }
            }
            i = end;
        }
        throw new IllegalArgumentException(field + ": the EC PRIVATE KEY names no curve; give it as PKCS#8 "
                + "(BEGIN PRIVATE KEY, e.g. openssl pkcs8 -topk8 -nocrypt)");
    }

    /** {tag, offset of the contents, length of the contents} of the DER element at {@code at}. */
    private static int[] header(byte[] der, int at, String field) {
        try {
            int tag = der[at] & 0xff;
            int first = der[at + 1] & 0xff;
            if (first < 0x80) {
                return new int[] {tag, at + 2, first};
            }
            int bytes = first & 0x7f;
            if (bytes == 0 || bytes > 3) {
                throw new IllegalArgumentException(field + ": the key is not valid DER");
            }
            int length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (der[at + 2 + i] & 0xff);
            }
            return new int[] {tag, at + 2 + bytes, length};
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(field + ": the key is truncated", e);
        }
    }

    private static byte[] integerZero() {
        return new byte[] {0x02, 0x01, 0x00};
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static String write(String kind, String suffix, byte[] content) {
        try {
            // owner-only: pgJDBC refuses a key file others may read, and these are credentials
            Path file = Files.createTempFile("sgstream-tls-" + kind + "-", suffix, PosixFilePermissions.asFileAttribute(
                    Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            Files.write(file, content);
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the TLS " + kind + " to a file", e);
        }
    }
}
