package io.sgstream.api.secret;

import io.sgstream.api.spec.SecretKeySelector;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the value a {@link SecretKeySelector} points at. In Kubernetes an implementation reads the Secret from the
 * stream's namespace; on one machine {@link EnvSecretResolver} reads environment variables or files.
 * Implementations must never log or put the value in an exception message.
 *
 * <p>Plain-text settings that cannot hold a selector (e.g. SGStream's HTTP {@code headers} map) may refer to Secrets
 * inline as {@code ${secret:<name>/<key>}}, e.g. {@code Authorization: "Bearer ${secret:sink-auth/token}"}:
 * {@link #resolveReferences(String)} replaces them.
 */
@FunctionalInterface
public interface SecretResolver {

    /** {@code ${secret:<name>/<key>}}. */
    Pattern REFERENCE = Pattern.compile("\\$\\{secret:([^/}]+)/([^}]+)}");

    /**
     * The value of {@code selector}'s key in {@code selector}'s Secret.
     *
     * @throws SecretNotFoundException when the Secret or the key does not exist
     */
    SecretValue resolve(SecretKeySelector selector);

    /**
     * {@code text} with every {@code ${secret:<name>/<key>}} replaced by that Secret key's value; empty when
     * {@code text} refers to no Secret (it is then not a credential and may be shown).
     *
     * @throws IllegalArgumentException when {@code text} holds {@code ${secret:} not in the form above
     * @throws SecretNotFoundException  when a referenced Secret or key does not exist
     */
    default Optional<SecretValue> resolveReferences(String text) {
        if (!hasReferences(text)) {
            return Optional.empty();
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = resolve(SecretKeySelector.of(m.group(1).trim(), m.group(2).trim())).reveal();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return Optional.of(SecretValue.of(out.toString()));
    }

    /**
     * Whether {@code text} refers to a Secret.
     *
     * @throws IllegalArgumentException when it holds {@code ${secret:} not in the form {@code ${secret:<name>/<key>}}
     *                                  (sent as it is, the text would silently become the credential)
     */
    static boolean hasReferences(String text) {
        if (text == null || !text.contains("${secret:")) {
            return false;
        }
        int references = 0;
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            references++;
        }
        int starts = text.split("\\$\\{secret:", -1).length - 1;
        if (references != starts) {
            throw new IllegalArgumentException("a Secret reference must read ${secret:<name>/<key>}");
        }
        return true;
    }
}
