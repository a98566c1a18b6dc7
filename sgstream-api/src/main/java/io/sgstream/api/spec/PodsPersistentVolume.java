package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code spec.pods.persistentVolume}: size and storage class of the stream pod's volume.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodsPersistentVolume {

    private String size;
    private String storageClass;

    /** Size, e.g. {@code 1Gi}; a number followed by Mi, Gi or Ti. */
    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    /** Storage class; the cluster default when unset. */
    public String getStorageClass() {
        return storageClass;
    }

    public void setStorageClass(String storageClass) {
        this.storageClass = storageClass;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        PodsPersistentVolume that = (PodsPersistentVolume) o;
        return Objects.equals(size, that.size)
                && Objects.equals(storageClass, that.storageClass);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, storageClass);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "PodsPersistentVolume{", "}");
        if (size != null) {
            fields.add("size=" + size);
        }
        if (storageClass != null) {
            fields.add("storageClass=" + storageClass);
        }
        return fields.toString();
    }
}
