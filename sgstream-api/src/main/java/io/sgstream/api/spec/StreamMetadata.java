package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code spec.metadata}: extra annotations and labels for the resources created for the stream.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StreamMetadata {

    private ResourceMetadata annotations;
    private ResourceMetadata labels;

    /** Annotations by kind of resource. */
    public ResourceMetadata getAnnotations() {
        return annotations;
    }

    public void setAnnotations(ResourceMetadata annotations) {
        this.annotations = annotations;
    }

    /** Labels by kind of resource. */
    public ResourceMetadata getLabels() {
        return labels;
    }

    public void setLabels(ResourceMetadata labels) {
        this.labels = labels;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        StreamMetadata that = (StreamMetadata) o;
        return Objects.equals(annotations, that.annotations)
                && Objects.equals(labels, that.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(annotations, labels);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "StreamMetadata{", "}");
        if (annotations != null) {
            fields.add("annotations=" + annotations);
        }
        if (labels != null) {
            fields.add("labels=" + labels);
        }
        return fields.toString();
    }
}
