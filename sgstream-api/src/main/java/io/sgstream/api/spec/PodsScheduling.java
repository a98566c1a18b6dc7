package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.PodAffinity;
import io.fabric8.kubernetes.api.model.PodAntiAffinity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code spec.pods.scheduling}: where the stream pod may run, with the Kubernetes Pod field types.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodsScheduling {

    private Map<String, String> nodeSelector;
    private List<Toleration> tolerations;
    private NodeAffinity nodeAffinity;
    private String priorityClassName;
    private PodAffinity podAffinity;
    private PodAntiAffinity podAntiAffinity;
    private List<TopologySpreadConstraint> topologySpreadConstraints;

    /** Node labels the pod requires. */
    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    /** Taints the pod tolerates. */
    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    /** Node affinity of the pod. */
    public NodeAffinity getNodeAffinity() {
        return nodeAffinity;
    }

    public void setNodeAffinity(NodeAffinity nodeAffinity) {
        this.nodeAffinity = nodeAffinity;
    }

    /** Priority class of the pod. */
    public String getPriorityClassName() {
        return priorityClassName;
    }

    public void setPriorityClassName(String priorityClassName) {
        this.priorityClassName = priorityClassName;
    }

    /** Pod affinity of the pod. */
    public PodAffinity getPodAffinity() {
        return podAffinity;
    }

    public void setPodAffinity(PodAffinity podAffinity) {
        this.podAffinity = podAffinity;
    }

    /** Pod anti-affinity of the pod. */
    public PodAntiAffinity getPodAntiAffinity() {
        return podAntiAffinity;
    }

    public void setPodAntiAffinity(PodAntiAffinity podAntiAffinity) {
        this.podAntiAffinity = podAntiAffinity;
    }

    /** How pods spread across topology domains. */
    public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
        return topologySpreadConstraints;
    }

    public void setTopologySpreadConstraints(List<TopologySpreadConstraint> topologySpreadConstraints) {
        this.topologySpreadConstraints = topologySpreadConstraints;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        PodsScheduling that = (PodsScheduling) o;
        return Objects.equals(nodeSelector, that.nodeSelector)
                && Objects.equals(tolerations, that.tolerations)
                && Objects.equals(nodeAffinity, that.nodeAffinity)
                && Objects.equals(priorityClassName, that.priorityClassName)
                && Objects.equals(podAffinity, that.podAffinity)
                && Objects.equals(podAntiAffinity, that.podAntiAffinity)
                && Objects.equals(topologySpreadConstraints, that.topologySpreadConstraints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodeSelector, tolerations, nodeAffinity, priorityClassName, podAffinity, podAntiAffinity,
                topologySpreadConstraints);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "PodsScheduling{", "}");
        if (nodeSelector != null) {
            fields.add("nodeSelector=" + nodeSelector);
        }
        if (tolerations != null) {
            fields.add("tolerations=" + tolerations);
        }
        if (nodeAffinity != null) {
            fields.add("nodeAffinity=" + nodeAffinity);
        }
        if (priorityClassName != null) {
            fields.add("priorityClassName=" + priorityClassName);
        }
        if (podAffinity != null) {
            fields.add("podAffinity=" + podAffinity);
        }
        if (podAntiAffinity != null) {
            fields.add("podAntiAffinity=" + podAntiAffinity);
        }
        if (topologySpreadConstraints != null) {
            fields.add("topologySpreadConstraints=" + topologySpreadConstraints);
        }
        return fields.toString();
    }
}
