package io.sgstream.api.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A value read from a Secret (a password, a private key…). {@link #toString()} never shows it, so a SecretValue can
 * sit in objects that get logged; call {@link #reveal()} only where the value is handed to a driver.
 */
public final class SecretValue {

    private final byte[] bytes;

    private SecretValue(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A secret holding {@code value}. */
    public static SecretValue of(String value) {
        return new SecretValue(Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8));
    }

    /** A secret holding a copy of {@code bytes} (binary Secret data such as a DER key). */
    public static SecretValue ofBytes(byte[] bytes) {
        return new SecretValue(Objects.requireNonNull(bytes, "bytes").clone());
    }

    /** The value as UTF-8 text. */
    public String reveal() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A copy of the raw bytes. */
    public byte[] revealBytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretValue other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        // constant: a hash of the value would tell something about it
        return 1;
    }

    @Override
    public String toString() {
        return "<redacted>";
    }
}
