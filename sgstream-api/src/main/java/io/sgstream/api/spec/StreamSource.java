package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * {@code spec.source}: the PostgreSQL database whose changes are captured. {@link #getType()} selects the section
 * that describes it: {@code sgCluster} or {@code postgres}; the other section must be absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StreamSource {

    private String type;
    private SourceSGCluster sgCluster;
    private SourcePostgres postgres;

    /** {@code SGCluster} or {@code Postgres}; see {@link SourceType}. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    /** The source when type is {@code SGCluster}. */
    public SourceSGCluster getSgCluster() {
        return sgCluster;
    }

    public void setSgCluster(SourceSGCluster sgCluster) {
        this.sgCluster = sgCluster;
    }

    /** The source when type is {@code Postgres}. */
    public SourcePostgres getPostgres() {
        return postgres;
    }

    public void setPostgres(SourcePostgres postgres) {
        this.postgres = postgres;
    }

    /** The source type, empty when {@code type} is missing or unknown. */
    public Optional<SourceType> sourceType() {
        return SourceType.fromValue(type);
    }

    /** The section that {@code type} selects, empty when the type is unknown or that section is missing. */
    public Optional<SourceSection> activeSection() {
        return sourceType().map(t -> t == SourceType.SGCLUSTER ? sgCluster : postgres);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        StreamSource that = (StreamSource) o;
        return Objects.equals(type, that.type)
                && Objects.equals(sgCluster, that.sgCluster)
                && Objects.equals(postgres, that.postgres);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, sgCluster, postgres);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "StreamSource{", "}");
        if (type != null) {
            fields.add("type=" + type);
        }
        if (sgCluster != null) {
            fields.add("sgCluster=" + sgCluster);
        }
        if (postgres != null) {
            fields.add("postgres=" + postgres);
        }
        return fields.toString();
    }
}
