package io.sgstream.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sgstream.api.spec.DebeziumEngineProperties;
import io.sgstream.api.spec.StreamMetadata;
import io.sgstream.api.spec.StreamPods;
import io.sgstream.api.spec.StreamSource;
import io.sgstream.api.spec.StreamTarget;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code spec} of an {@link SGStream}: capture changes of {@code source} and deliver them to {@code target}.
 * Field-compatible with StackGres {@code stackgres.io/v1alpha1} SGStream.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SGStreamSpec {

    private StreamSource source;
    private StreamTarget target;
    private Integer maxRetries;
    private StreamMetadata metadata;
    private StreamPods pods;
    private DebeziumEngineProperties debeziumEngineProperties;

    /** The database whose changes are captured. */
    public StreamSource getSource() {
        return source;
    }

    public void setSource(StreamSource source) {
        this.source = source;
    }

    /** Where the changes go. */
    public StreamTarget getTarget() {
        return target;
    }

    public void setTarget(StreamTarget target) {
        this.target = target;
    }

    /** Retries after a failure: -1 (the default) retries forever, 0 never. */
    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    /** Extra annotations and labels for the resources created for the stream. */
    public StreamMetadata getMetadata() {
        return metadata;
    }

    public void setMetadata(StreamMetadata metadata) {
        this.metadata = metadata;
    }

    /** Pod resources, scheduling and volume (required by StackGres, optional here). */
    public StreamPods getPods() {
        return pods;
    }

    public void setPods(StreamPods pods) {
        this.pods = pods;
    }

    /** Debezium engine settings. */
    public DebeziumEngineProperties getDebeziumEngineProperties() {
        return debeziumEngineProperties;
    }

    public void setDebeziumEngineProperties(DebeziumEngineProperties debeziumEngineProperties) {
        this.debeziumEngineProperties = debeziumEngineProperties;
    }

    /** The value of {@code maxRetries} that retries forever, and its default. */
    public static final int RETRY_FOREVER = -1;

    /** {@code maxRetries}, or {@value #RETRY_FOREVER} when unset. */
    public int maxRetriesOrDefault() {
        return maxRetries != null ? maxRetries : RETRY_FOREVER;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        SGStreamSpec that = (SGStreamSpec) o;
        return Objects.equals(source, that.source)
                && Objects.equals(target, that.target)
                && Objects.equals(maxRetries, that.maxRetries)
                && Objects.equals(metadata, that.metadata)
                && Objects.equals(pods, that.pods)
                && Objects.equals(debeziumEngineProperties, that.debeziumEngineProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, target, maxRetries, metadata, pods, debeziumEngineProperties);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "SGStreamSpec{", "}");
        if (source != null) {
            fields.add("source=" + source);
        }
        if (target != null) {
            fields.add("target=" + target);
        }
        if (maxRetries != null) {
            fields.add("maxRetries=" + maxRetries);
        }
        if (metadata != null) {
            fields.add("metadata=" + metadata);
        }
        if (pods != null) {
            fields.add("pods=" + pods);
        }
        if (debeziumEngineProperties != null) {
            fields.add("debeziumEngineProperties=" + debeziumEngineProperties);
        }
        return fields.toString();
    }
}
