package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A reference to one key of a Kubernetes Secret in the stream's namespace, e.g. {@code {name: pg-creds, key:
 * password}}. The value is never stored in the SGStream: a {@link io.sgstream.api.secret.SecretResolver} reads it
 * when needed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeySelector extends KeySelector {

    /** A selector for {@code key} of Secret {@code name}. */
    public static SecretKeySelector of(String name, String key) {
        SecretKeySelector selector = new SecretKeySelector();
        selector.setName(name);
        selector.setKey(key);
        return selector;
    }
}
