package io.sgstream.capture.sink;

import io.sgstream.api.secret.SecretResolver;
import io.sgstream.api.spec.SecretKeySelector;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Header values that name Secrets instead of holding credentials: {@code ${secret:<name>/<key>}} anywhere in the
 * value is replaced by that key of that Secret, e.g. {@code Authorization: "Bearer ${secret:sink-auth/token}"}. SGStream's
 * {@code headers} is a plain map, so without this a token would sit in clear text in the resource.
 */
final class SecretReferences {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{secret:([^/}]+)/([^}]+)}");

    record Resolved(String value, boolean secret) {
        @Override
        public String toString() {
            return secret ? "Resolved[***]" : "Resolved[" + value + "]";
        }
    }

    private SecretReferences() {
    }

    static Resolved resolve(String header, String value, SecretResolver secrets) {
        if (value == null) {
            throw new IllegalArgumentException("header '" + header + "' has no value");
        }
        Matcher m = REFERENCE.matcher(value);
        if (!m.find()) {
            return new Resolved(value, false);
        }
        if (secrets == null) {
            throw new IllegalArgumentException("header '" + header + "' refers to a Secret but no secret resolver "
                    + "is configured");
        }
        StringBuilder out = new StringBuilder();
        m.reset();
        while (m.find()) {
            String secret = secrets.resolve(SecretKeySelector.of(m.group(1).trim(), m.group(2).trim())).reveal();
            m.appendReplacement(out, Matcher.quoteReplacement(secret));
        }
        m.appendTail(out);
        return new Resolved(out.toString(), true);
    }
}
