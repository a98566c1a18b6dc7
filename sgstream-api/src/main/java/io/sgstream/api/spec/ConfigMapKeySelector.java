package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A reference to one key of a ConfigMap in the stream's namespace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigMapKeySelector {

    private String name;
    private String key;

    /** Name of the ConfigMap. */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Key inside the ConfigMap. */
    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        ConfigMapKeySelector that = (ConfigMapKeySelector) o;
        return Objects.equals(name, that.name)
                && Objects.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, key);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "ConfigMapKeySelector{", "}");
        if (name != null) {
            fields.add("name=" + name);
        }
        if (key != null) {
            fields.add("key=" + key);
        }
        return fields.toString();
    }
}
