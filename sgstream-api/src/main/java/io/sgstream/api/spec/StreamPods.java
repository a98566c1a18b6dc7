package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code spec.pods}: resources, scheduling and volume of the stream's pod. StackGres requires this section and
 * keeps its Debezium offsets on {@code persistentVolume}; SGStream on Knative accepts it for compatibility but
 * does not require it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StreamPods {

    private PodsPersistentVolume persistentVolume;
    private ResourceRequirements resources;
    private PodsScheduling scheduling;

    /** The volume StackGres mounts at /var/lib/debezium. */
    public PodsPersistentVolume getPersistentVolume() {
        return persistentVolume;
    }

    public void setPersistentVolume(PodsPersistentVolume persistentVolume) {
        this.persistentVolume = persistentVolume;
    }

    /** CPU and memory requests and limits of the stream container. */
    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    /** Node selection, tolerations and affinities of the stream pod. */
    public PodsScheduling getScheduling() {
        return scheduling;
    }

    public void setScheduling(PodsScheduling scheduling) {
        this.scheduling = scheduling;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        StreamPods that = (StreamPods) o;
        return Objects.equals(persistentVolume, that.persistentVolume)
                && Objects.equals(resources, that.resources)
                && Objects.equals(scheduling, that.scheduling);
    }

    @Override
    public int hashCode() {
        return Objects.hash(persistentVolume, resources, scheduling);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "StreamPods{", "}");
        if (persistentVolume != null) {
            fields.add("persistentVolume=" + persistentVolume);
        }
        if (resources != null) {
            fields.add("resources=" + resources);
        }
        if (scheduling != null) {
            fields.add("scheduling=" + scheduling);
        }
        return fields.toString();
    }
}
