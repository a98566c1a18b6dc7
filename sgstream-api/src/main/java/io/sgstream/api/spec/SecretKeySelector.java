package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A reference to one key of a Kubernetes Secret in the stream's namespace, e.g. {@code {name: pg-creds, key:
 * password}}. The value is never stored in the SGStream: a {@link io.sgstream.api.secret.SecretResolver} reads it
 * when needed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeySelector {

    private String name;
    private String key;

    /** Name of the Secret. */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Key inside the Secret. */
    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    /** A selector for {@code key} of Secret {@code name}. */
    public static SecretKeySelector of(String name, String key) {
        SecretKeySelector selector = new SecretKeySelector();
        selector.setName(name);
        selector.setKey(key);
        return selector;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        SecretKeySelector that = (SecretKeySelector) o;
        return Objects.equals(name, that.name)
                && Objects.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, key);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "SecretKeySelector{", "}");
        if (name != null) {
            fields.add("name=" + name);
        }
        if (key != null) {
            fields.add("key=" + key);
        }
        return fields.toString();
    }
}
