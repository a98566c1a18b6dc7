package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Annotations or labels for the resources created for a stream, by kind of resource.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourceMetadata {

    private Map<String, String> allResources;
    private Map<String, String> pods;
    private Map<String, String> serviceAccount;

    /** Added to every resource created for the stream. */
    public Map<String, String> getAllResources() {
        return allResources;
    }

    public void setAllResources(Map<String, String> allResources) {
        this.allResources = allResources;
    }

    /** Added to the stream's pods. */
    public Map<String, String> getPods() {
        return pods;
    }

    public void setPods(Map<String, String> pods) {
        this.pods = pods;
    }

    /** Added to the stream's service account. */
    public Map<String, String> getServiceAccount() {
        return serviceAccount;
    }

    public void setServiceAccount(Map<String, String> serviceAccount) {
        this.serviceAccount = serviceAccount;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        ResourceMetadata that = (ResourceMetadata) o;
        return Objects.equals(allResources, that.allResources)
                && Objects.equals(pods, that.pods)
                && Objects.equals(serviceAccount, that.serviceAccount);
    }

    @Override
    public int hashCode() {
        return Objects.hash(allResources, pods, serviceAccount);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "ResourceMetadata{", "}");
        if (allResources != null) {
            fields.add("allResources=" + allResources);
        }
        if (pods != null) {
            fields.add("pods=" + pods);
        }
        if (serviceAccount != null) {
            fields.add("serviceAccount=" + serviceAccount);
        }
        return fields.toString();
    }
}
