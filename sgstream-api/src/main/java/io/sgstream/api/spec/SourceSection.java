package io.sgstream.api.spec;

import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * What the two kinds of source ({@link SourceSGCluster}, {@link SourcePostgres}) have in common, so that code that
 * only needs the database, credentials, filters and Debezium settings does not care which one the stream uses.
 *
 * @see StreamSource#activeSection()
 */
public abstract class SourceSection extends DatabaseSection {

    private List<String> includes;
    private List<String> excludes;
    private Boolean skipDropReplicationSlotAndPublicationOnTombstone;
    private SourceDebeziumProperties debeziumProperties;

    /**
     * Regular expressions matching {@code <schema>}, {@code <schema>\.<table>} or {@code
     * <schema>\.<table>\.<column>} to capture; mutually exclusive with {@code excludes}.
     */
    public List<String> getIncludes() {
        return includes;
    }

    public void setIncludes(List<String> includes) {
        this.includes = includes;
    }

    /**
     * Regular expressions (same form as {@code includes}) not to capture; mutually exclusive with {@code includes}.
     */
    public List<String> getExcludes() {
        return excludes;
    }

    public void setExcludes(List<String> excludes) {
        this.excludes = excludes;
    }

    /** Keep the replication slot and publication when the stream ends with a tombstone signal. */
    public Boolean getSkipDropReplicationSlotAndPublicationOnTombstone() {
        return skipDropReplicationSlotAndPublicationOnTombstone;
    }

    public void setSkipDropReplicationSlotAndPublicationOnTombstone(
            Boolean skipDropReplicationSlotAndPublicationOnTombstone) {
        this.skipDropReplicationSlotAndPublicationOnTombstone = skipDropReplicationSlotAndPublicationOnTombstone;
    }

    /** Debezium PostgreSQL connector settings. */
    public SourceDebeziumProperties getDebeziumProperties() {
        return debeziumProperties;
    }

    public void setDebeziumProperties(SourceDebeziumProperties debeziumProperties) {
        this.debeziumProperties = debeziumProperties;
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        SourceSection that = (SourceSection) o;
        return Objects.equals(includes, that.includes)
                && Objects.equals(excludes, that.excludes)
                && Objects.equals(skipDropReplicationSlotAndPublicationOnTombstone,
                        that.skipDropReplicationSlotAndPublicationOnTombstone)
                && Objects.equals(debeziumProperties, that.debeziumProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), includes, excludes, skipDropReplicationSlotAndPublicationOnTombstone,
                debeziumProperties);
    }

    @Override
    protected void describe(StringJoiner fields) {
        super.describe(fields);
        add(fields, "includes", includes);
        add(fields, "excludes", excludes);
        add(fields, "skipDropReplicationSlotAndPublicationOnTombstone",
                skipDropReplicationSlotAndPublicationOnTombstone);
        add(fields, "debeziumProperties", debeziumProperties);
    }
}
