package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code spec.target.pgLambda.knative}: what is copied onto the Knative Service and how events reach it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PgLambdaKnative {

    private Map<String, String> annotations;
    private Map<String, String> labels;
    private CloudEventHttp http;

    /** Annotations of the Knative Service, e.g. {@code autoscaling.knative.dev/min-scale}. */
    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    /** Labels of the Knative Service, e.g. {@code networking.knative.dev/visibility: cluster-local}. */
    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    /** HTTP delivery settings; {@code url} defaults to {@code http://<stream>.<namespace>}. */
    public CloudEventHttp getHttp() {
        return http;
    }

    public void setHttp(CloudEventHttp http) {
        this.http = http;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        PgLambdaKnative that = (PgLambdaKnative) o;
        return Objects.equals(annotations, that.annotations)
                && Objects.equals(labels, that.labels)
                && Objects.equals(http, that.http);
    }

    @Override
    public int hashCode() {
        return Objects.hash(annotations, labels, http);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "PgLambdaKnative{", "}");
        if (annotations != null) {
            fields.add("annotations=" + annotations);
        }
        if (labels != null) {
            fields.add("labels=" + labels);
        }
        if (http != null) {
            fields.add("http=" + http);
        }
        return fields.toString();
    }
}
