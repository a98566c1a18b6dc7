package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * {@code spec.target}: where captured changes go. {@link #getType()} selects the section that configures it:
 * {@code cloudEvent}, {@code pgLambda} or {@code sgCluster}; the other sections must be absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StreamTarget {

    private String type;
    private TargetCloudEvent cloudEvent;
    private TargetPgLambda pgLambda;
    private TargetSGCluster sgCluster;

    /** {@code CloudEvent}, {@code PgLambda} or {@code SGCluster}; see {@link TargetType}. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    /** The target when type is {@code CloudEvent}. */
    public TargetCloudEvent getCloudEvent() {
        return cloudEvent;
    }

    public void setCloudEvent(TargetCloudEvent cloudEvent) {
        this.cloudEvent = cloudEvent;
    }

    /** The target when type is {@code PgLambda}. */
    public TargetPgLambda getPgLambda() {
        return pgLambda;
    }

    public void setPgLambda(TargetPgLambda pgLambda) {
        this.pgLambda = pgLambda;
    }

    /** The target when type is {@code SGCluster}. */
    public TargetSGCluster getSgCluster() {
        return sgCluster;
    }

    public void setSgCluster(TargetSGCluster sgCluster) {
        this.sgCluster = sgCluster;
    }

    /** The target type, empty when {@code type} is missing or unknown. */
    public Optional<TargetType> targetType() {
        return TargetType.fromValue(type);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        StreamTarget that = (StreamTarget) o;
        return Objects.equals(type, that.type)
                && Objects.equals(cloudEvent, that.cloudEvent)
                && Objects.equals(pgLambda, that.pgLambda)
                && Objects.equals(sgCluster, that.sgCluster);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, cloudEvent, pgLambda, sgCluster);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "StreamTarget{", "}");
        if (type != null) {
            fields.add("type=" + type);
        }
        if (cloudEvent != null) {
            fields.add("cloudEvent=" + cloudEvent);
        }
        if (pgLambda != null) {
            fields.add("pgLambda=" + pgLambda);
        }
        if (sgCluster != null) {
            fields.add("sgCluster=" + sgCluster);
        }
        return fields.toString();
    }
}
