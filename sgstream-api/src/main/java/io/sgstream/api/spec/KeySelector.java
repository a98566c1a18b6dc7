package io.sgstream.api.spec;

import java.util.Objects;

/** A reference to one key of a named Kubernetes object (Secret or ConfigMap) in the stream's namespace. */
public abstract class KeySelector {

    private String name;
    private String key;

    /** Name of the object. */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Key inside the object. */
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
        KeySelector that = (KeySelector) o;
        return Objects.equals(name, that.name) && Objects.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), name, key);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{name=" + name + ", key=" + key + "}";
    }
}
