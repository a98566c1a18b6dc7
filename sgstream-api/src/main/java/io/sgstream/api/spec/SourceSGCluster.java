package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code spec.source.sgCluster}: capture from an SGCluster in the stream's namespace. The capture service connects
 * to the cluster's read-write service on port {@value #PORT} (PostgreSQL itself, not the connection pooler), as
 * StackGres does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceSGCluster implements SourceSection {

    private String name;
    private String database;
    private SecretKeySelector username;
    private SecretKeySelector password;
    private List<String> includes;
    private List<String> excludes;
    private Boolean skipDropReplicationSlotAndPublicationOnTombstone;
    private SourceDebeziumProperties debeziumProperties;

    /** Name of the SGCluster, in the stream's namespace. */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Database to capture; {@value #DEFAULT_DATABASE} when unset. */
    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    /**
     * Secret key holding the user name; unset: the cluster's superuser (Secret {@code <cluster>}, key {@value
     * #SUPERUSER_USERNAME_KEY}).
     */
    public SecretKeySelector getUsername() {
        return username;
    }

    public void setUsername(SecretKeySelector username) {
        this.username = username;
    }

    /**
     * Secret key holding the password; unset: the cluster's superuser password (key {@value
     * #SUPERUSER_PASSWORD_KEY}).
     */
    public SecretKeySelector getPassword() {
        return password;
    }

    public void setPassword(SecretKeySelector password) {
        this.password = password;
    }

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

    /** The port of an SGCluster's read-write service that reaches PostgreSQL directly. */
    public static final int PORT = 5433;
    public static final String DEFAULT_DATABASE = "postgres";
    /** Keys of the Secret named after an SGCluster that hold its superuser credentials. */
    public static final String SUPERUSER_USERNAME_KEY = "superuser-username";
    public static final String SUPERUSER_PASSWORD_KEY = "superuser-password";

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        SourceSGCluster that = (SourceSGCluster) o;
        return Objects.equals(name, that.name)
                && Objects.equals(database, that.database)
                && Objects.equals(username, that.username)
                && Objects.equals(password, that.password)
                && Objects.equals(includes, that.includes)
                && Objects.equals(excludes, that.excludes)
                && Objects.equals(skipDropReplicationSlotAndPublicationOnTombstone,
                        that.skipDropReplicationSlotAndPublicationOnTombstone)
                && Objects.equals(debeziumProperties, that.debeziumProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, database, username, password, includes, excludes,
                skipDropReplicationSlotAndPublicationOnTombstone, debeziumProperties);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "SourceSGCluster{", "}");
        if (name != null) {
            fields.add("name=" + name);
        }
        if (database != null) {
            fields.add("database=" + database);
        }
        if (username != null) {
            fields.add("username=" + username);
        }
        if (password != null) {
            fields.add("password=" + password);
        }
        if (includes != null) {
            fields.add("includes=" + includes);
        }
        if (excludes != null) {
            fields.add("excludes=" + excludes);
        }
        if (skipDropReplicationSlotAndPublicationOnTombstone != null) {
            fields.add("skipDropReplicationSlotAndPublicationOnTombstone="
                    + skipDropReplicationSlotAndPublicationOnTombstone);
        }
        if (debeziumProperties != null) {
            fields.add("debeziumProperties=" + debeziumProperties);
        }
        return fields.toString();
    }
}
